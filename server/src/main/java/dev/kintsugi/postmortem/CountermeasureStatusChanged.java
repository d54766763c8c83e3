package dev.kintsugi.postmortem;

import java.time.Instant;

/** A countermeasure moved from one status to another; {@code reason} is the WONT_DO reason (else null). */
public record CountermeasureStatusChanged(
        PostmortemRefs refs,
        long countermeasureId,
        CountermeasureStatus from,
        CountermeasureStatus to,
        String reason,
        String by,
        Instant at) {}
