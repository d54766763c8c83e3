package dev.kintsugi.postmortem;

import java.time.LocalDate;

/**
 * A partial change of a countermeasure (a PATCH): absent (null) fields stay as they are, an empty string clears
 * an optional one; {@code status} and {@code reason} move it. Applied as one unit: if the status change is
 * refused, the edit is not kept either.
 */
public record CountermeasureChange(
        String title,
        String description,
        CountermeasureKind kind,
        String ownerUser,
        String ownerTeam,
        LocalDate dueDate,
        CountermeasurePriority priority,
        String ticketKey,
        String ticketUrl,
        String experiment,
        CountermeasureStatus status,
        String reason) {

    /** Whether anything people wrote changes (not only the status). */
    public boolean editsDetails() {
        return title != null
                || description != null
                || kind != null
                || ownerUser != null
                || ownerTeam != null
                || dueDate != null
                || priority != null
                || ticketKey != null
                || ticketUrl != null
                || experiment != null;
    }

    /** {@code current} with this change's fields laid over it. */
    public CountermeasureDraft applyTo(CountermeasureDraft current) {
        return new CountermeasureDraft(
                or(title, current.title()),
                or(description, current.description()),
                kind != null ? kind : current.kind(),
                or(ownerUser, current.ownerUser()),
                or(ownerTeam, current.ownerTeam()),
                dueDate != null ? dueDate : current.dueDate(),
                priority != null ? priority : current.priority(),
                or(ticketKey, current.ticketKey()),
                or(ticketUrl, current.ticketUrl()),
                or(experiment, current.experiment()));
    }

    private static String or(String given, String current) {
        return given != null ? given : current;
    }
}
