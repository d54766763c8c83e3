package dev.kintsugi.postmortem;

import java.time.Duration;
import java.time.Instant;

/**
 * A post-mortem as read: its content, where it is in review, and the durations computed from its incident's
 * milestones (shown, never typed; null for post-mortems without an incident). {@code version} grows on every
 * change: it is the post-mortem's ETag. {@code overrideReason} is the facilitator's written reason for sending it
 * to review over open language findings; {@code noCountermeasureReason} why it was published without one.
 */
public record Postmortem(
        long id,
        Long incidentId,
        String incidentKey,
        Origin origin,
        PostmortemStatus status,
        boolean privateReview,
        PostmortemContent content,
        int revision,
        Integer publishedRevision,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant publishedAt,
        Durations durations,
        int version,
        String overrideReason,
        String noCountermeasureReason) {
    /** A published post-mortem reopened to amend: its published revision stays the one readers see. */
    public boolean amending() {
        return status != PostmortemStatus.PUBLISHED && publishedRevision != null;
    }

    public String key() {
        return "PM-" + id;
    }

    /**
     * Time undetected (impact start to detection), to mitigate and to resolve (from impact start, else
     * detection), and the customer impact (impact start to mitigation, else resolution).
     */
    public record Durations(Duration undetected, Duration toMitigate, Duration toResolve, Duration customerImpact) {
        public static final Durations NONE = new Durations(null, null, null, null);
    }
}
