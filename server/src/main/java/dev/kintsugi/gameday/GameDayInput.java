package dev.kintsugi.gameday;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.TextInput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Checks what people type into a game day, naming the field of the first problem (message codes). */
final class GameDayInput {
    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 50_000;
    static final int MAX_NAME = 64;
    static final int MAX_DURATION = 24 * 60;
    private static final Instant MIN = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

    private GameDayInput() {}

    static String required(String value, String field, int max) {
        return TextInput.required(value, field, max);
    }

    static String optional(String value, String field, int max) {
        return TextInput.optional(value, field, max);
    }

    /** The plan, checked; its services resolved to catalog ids. */
    record Checked(GameDayPlan plan, List<Long> serviceIds) {}

    static Checked plan(GameDayPlan p, CatalogManagement catalog) {
        if (p == null) {
            throw new InvalidInputException("title", "validation.required", "must be given");
        }
        // lengths first: a refusal names the field that is too long even when others are missing
        String story = optional(p.story(), "story", MAX_TEXT);
        String environment = optional(p.environment(), "environment", MAX_NAME);
        String hypotheses = optional(p.hypotheses(), "hypotheses", MAX_TEXT);
        String objectives = optional(p.objectives(), "objectives", MAX_TEXT);
        String title = required(p.title(), "title", MAX_TITLE);
        if (p.mode() == null) {
            throw new InvalidInputException("mode", "validation.required", "must be given");
        }
        if (p.startsAt() == null) {
            throw new InvalidInputException("startsAt", "validation.required", "must be given");
        }
        if (p.startsAt().isBefore(MIN) || p.startsAt().isAfter(MAX)) {
            throw new InvalidInputException(
                    "startsAt", "validation.years", "must be between 1970 and 9999", 1970, 9999);
        }
        int duration = p.durationMinutes() == null ? 120 : p.durationMinutes();
        if (duration < 1 || duration > MAX_DURATION) {
            throw new InvalidInputException(
                    "durationMinutes", "validation.between", "must be between 1 and " + MAX_DURATION, 1, MAX_DURATION);
        }
        List<Long> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String s : new LinkedHashSet<>(p.services() == null ? List.<String>of() : p.services())) {
            if (s == null || s.isBlank()) {
                continue;
            }
            String name = s.strip();
            var service = catalog.findService(name)
                    .orElseThrow(() -> new InvalidInputException(
                            "services", "validation.noService", "no service named '" + name + "'", name));
            ids.add(service.id());
            names.add(service.name());
        }
        return new Checked(
                new GameDayPlan(
                        title, story, p.mode(), p.startsAt(), duration, environment, names, hypotheses, objectives),
                ids);
    }
}
