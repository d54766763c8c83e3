package dev.kintsugi.postmortem;

/** P1 is the most urgent. */
public enum CountermeasurePriority {
    P1,
    P2,
    P3,
    P4
}
