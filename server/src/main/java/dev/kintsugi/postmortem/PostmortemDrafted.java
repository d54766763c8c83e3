package dev.kintsugi.postmortem;

import java.time.Instant;

/** A post-mortem draft was started, for an incident or on its own. */
public record PostmortemDrafted(long postmortemId, Long incidentId, String title, Instant at) {}
