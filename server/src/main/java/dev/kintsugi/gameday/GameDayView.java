package dev.kintsugi.gameday;

import java.time.Instant;
import java.util.List;

/**
 * A game day as its reader may see it: {@code scenarioVisible} false means the story, hypotheses and the
 * injects not yet revealed are withheld (a hero of a blind game day before the reveal).
 */
public record GameDayView(
        long id,
        String title,
        String story,
        GameDayMode mode,
        GameDayStatus status,
        Instant startsAt,
        int durationMinutes,
        String environment,
        List<Long> serviceIds,
        List<String> services,
        String hypotheses,
        String objectives,
        boolean revealed,
        Instant startedAt,
        Instant endedAt,
        String postmortemKey,
        Long clonedFrom,
        String createdBy,
        Instant createdAt,
        long version,
        boolean scenarioVisible,
        GameDayRole viewerRole) {

    public Instant endsAt() {
        return startsAt.plusSeconds(60L * durationMinutes);
    }
}
