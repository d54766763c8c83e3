package dev.kintsugi.alerting;

import java.time.Instant;

/**
 * Why an alert is expected: {@code kind} of thing ({@link #CHAOS_RUN}), its id in its module ({@code reference}),
 * who is told instead of on-call ({@code owner}, a username, may be null) and when it started.
 */
public record Expectation(String kind, long reference, String owner, Instant startedAt) {
    /** A run of a chaos experiment; {@code reference} is the run's id. */
    public static final String CHAOS_RUN = "chaos-run";
}
