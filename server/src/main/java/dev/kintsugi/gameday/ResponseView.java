package dev.kintsugi.gameday;

import java.time.Instant;

/** One thing a team recorded; {@code verdict} (CORRECT / WRONG) only on a diagnosis the facilitator judged. */
public record ResponseView(
        long id,
        long teamId,
        ResponseKind kind,
        String body,
        String incidentKey,
        String verdict,
        String author,
        Instant at) {}
