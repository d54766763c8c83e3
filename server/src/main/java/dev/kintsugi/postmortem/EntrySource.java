package dev.kintsugi.postmortem;

/** Where a post-mortem timeline entry came from. */
public enum EntrySource {
    INCIDENT,
    MANUAL,
    SLACK,
    IRC,
    PLAIN
}
