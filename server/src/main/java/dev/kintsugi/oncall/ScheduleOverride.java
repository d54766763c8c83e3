package dev.kintsugi.oncall;

import java.time.Instant;

/**
 * An override. Either {@code coveringUser} covers {@code coveredUser}'s turn of rotation {@code rotationKey} that
 * holds {@code shiftAt} — re-resolved against the rotation as it is now, so it follows later edits of the rotation
 * and lapses when that person no longer has a turn there — or, with no rotation, {@code coveringUser} is on call
 * from {@code start} to {@code end} over everything else. A swap is two overrides sharing {@code swapId}.
 */
public record ScheduleOverride(
        long id,
        long scheduleId,
        String rotationKey,
        String coveredUser,
        String coveringUser,
        Instant shiftAt,
        Instant start,
        Instant end,
        Long swapId,
        String createdBy,
        Instant createdAt) {

    public boolean period() {
        return rotationKey == null;
    }
}
