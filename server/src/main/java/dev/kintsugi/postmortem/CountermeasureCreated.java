package dev.kintsugi.postmortem;

import java.time.Instant;

/** A countermeasure was added to a post-mortem; {@code refs} include its owning team. */
public record CountermeasureCreated(
        PostmortemRefs refs, long countermeasureId, CountermeasureDraft details, String by, Instant at) {}
