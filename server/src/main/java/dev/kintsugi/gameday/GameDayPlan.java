package dev.kintsugi.gameday;

import java.time.Instant;
import java.util.List;

/** What a plan says: the story is Markdown; services are catalog names. */
public record GameDayPlan(
        String title,
        String story,
        GameDayMode mode,
        Instant startsAt,
        Integer durationMinutes,
        String environment,
        List<String> services,
        String hypotheses,
        String objectives) {}
