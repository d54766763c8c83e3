package dev.kintsugi.postmortem;

/** Where a post-mortem timeline entry came from. */
public enum EntrySource {
    INCIDENT,
    MANUAL,
    SLACK,
    IRC,
    PLAIN,
    /** Brought over from a chaos experiment's run (its activities, faults and probe results). */
    EXPERIMENT
}
