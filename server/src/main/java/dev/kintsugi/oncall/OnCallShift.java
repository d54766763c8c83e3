package dev.kintsugi.oncall;

import java.time.Instant;

/**
 * Someone on call from {@code start} to {@code end} on a schedule, after layers and overrides: through rotation
 * {@code rotationKey} (null for a period override), covering {@code coveredUser}'s turn when an override put them
 * there (else null).
 */
public record OnCallShift(String username, Instant start, Instant end, String rotationKey, String coveredUser) {}
