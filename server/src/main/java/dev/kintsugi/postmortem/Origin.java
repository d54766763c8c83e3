package dev.kintsugi.postmortem;

/** What the post-mortem learns from: an incident, or something that never became one. */
public enum Origin {
    INCIDENT,
    NEAR_MISS,
    GAME_DAY,
    EXTERNAL_OUTAGE
}
