package dev.kintsugi.postmortem;

import java.time.Instant;

/** A passing experiment run proved a rehearsal countermeasure. */
public record CountermeasureVerified(PostmortemRefs refs, long countermeasureId, Instant verifiedAt) {}
