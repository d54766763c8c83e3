package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.ScheduleOverride;
import java.time.Instant;

/** An override as the API answers it. */
record OverrideResponse(
        long id,
        String rotation,
        String coveredUser,
        String coveringUser,
        Instant shiftAt,
        Instant start,
        Instant end,
        Long swapId,
        String createdBy,
        Instant createdAt) {
    static OverrideResponse of(ScheduleOverride o) {
        return new OverrideResponse(
                o.id(),
                o.rotationKey(),
                o.coveredUser(),
                o.coveringUser(),
                o.shiftAt(),
                o.start(),
                o.end(),
                o.swapId(),
                o.createdBy(),
                o.createdAt());
    }
}
