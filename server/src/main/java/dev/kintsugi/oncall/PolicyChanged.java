package dev.kintsugi.oncall;

/** An escalation policy was created, changed or deleted ({@code change}: created, updated, deleted). */
public record PolicyChanged(long policyId, String name, long teamId, String change, String by) {}
