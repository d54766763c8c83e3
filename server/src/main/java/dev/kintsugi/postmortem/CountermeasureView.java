package dev.kintsugi.postmortem;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A change that makes the failure less likely or less harmful, owned by a person and/or a team, due on a date,
 * tracked to done. {@code verifiedAt} is set when a passing experiment run proves a rehearsal countermeasure.
 */
public record CountermeasureView(
        long id,
        long postmortemId,
        String title,
        String description,
        CountermeasureKind kind,
        String ownerUser,
        String ownerTeam,
        LocalDate dueDate,
        CountermeasurePriority priority,
        CountermeasureStatus status,
        String wontDoReason,
        String ticketKey,
        String ticketUrl,
        String experiment,
        Instant verifiedAt,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        Instant doneAt,
        boolean overdue,
        int version) {

    public String postmortemKey() {
        return "PM-" + postmortemId;
    }

    /** "ada", "payments" or "ada (payments)". */
    public String owner() {
        if (ownerUser != null && ownerTeam != null) {
            return ownerUser + " (" + ownerTeam + ")";
        }
        return ownerUser != null ? ownerUser : ownerTeam;
    }
}
