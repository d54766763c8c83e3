package dev.kintsugi.postmortem;

import java.time.LocalDate;

/**
 * What a person writes about a countermeasure (on create, or as a whole on update). The owner is a username,
 * a catalog team name, or both; at least one is needed. {@code experiment} only for {@link
 * CountermeasureKind#REHEARSAL}.
 */
public record CountermeasureDraft(
        String title,
        String description,
        CountermeasureKind kind,
        String ownerUser,
        String ownerTeam,
        LocalDate dueDate,
        CountermeasurePriority priority,
        String ticketKey,
        String ticketUrl,
        String experiment) {}
