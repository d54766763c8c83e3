package dev.kintsugi.oncall;

/** A person saved their contact rules ({@code steps} 0: back to the default rule set). */
public record ContactRulesChanged(String username, long version, int steps) {}
