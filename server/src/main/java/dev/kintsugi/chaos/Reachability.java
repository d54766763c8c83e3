package dev.kintsugi.chaos;

/** Whether a target answered just now, with a short reason. */
public record Reachability(boolean reachable, String detail) {}
