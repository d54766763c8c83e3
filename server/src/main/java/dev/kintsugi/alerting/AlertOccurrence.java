package dev.kintsugi.alerting;

import java.time.Instant;
import java.util.Map;

/** One event received for a group (a trigger, a repeat, an acknowledgement, a resolution, a note). */
public record AlertOccurrence(
        long id,
        long groupId,
        Instant receivedAt,
        AlertEvent.Action action,
        String fingerprint,
        String summary,
        Map<String, String> labels,
        String note) {}
