package dev.kintsugi.oncall;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.util.List;
import java.util.Map;

/** Teams, people and schedules for the on-call tests, made through the real API. */
abstract class OnCallFixtures extends IntegrationTest {

    /** A responder and a team they belong to, with {@code others} as further members. */
    record Crew(String team, String lead, ApiClient api, List<String> people) {}

    Crew crew(int others) {
        String lead = createUser(unique("lead"), Role.RESPONDER, "password-long-enough");
        List<String> people = new java.util.ArrayList<>();
        people.add(lead);
        for (int i = 0; i < others; i++) {
            people.add(createUser(unique("oncall"), Role.RESPONDER, "password-long-enough"));
        }
        ApiClient api = apiAs(lead);
        String team = unique("team");
        var created = api.post("/api/v1/teams", Map.of("name", team, "displayName", "Team " + team, "members", people));
        if (created.status() != 201) {
            throw new IllegalStateException(created.toString());
        }
        return new Crew(team, lead, api, List.copyOf(people));
    }

    /** The local date-time (UTC) a day before {@code now}, truncated to {@code unit}: a rotation start already past. */
    static String dayBefore(java.time.Instant now, java.time.temporal.ChronoUnit unit) {
        return now.minus(java.time.Duration.ofDays(1))
                .atZone(java.time.ZoneOffset.UTC)
                .toLocalDateTime()
                .truncatedTo(unit)
                .toString();
    }

    static Map<String, Object> rotation(
            String key, int layer, List<String> people, String start, String unit, int length) {
        return Map.of(
                "key", key, "layer", layer, "participants", people, "start", start, "unit", unit, "length", length);
    }

    ApiClient.Response schedule(Crew crew, String name, String zone, List<Map<String, Object>> rotations) {
        return crew.api()
                .post(
                        "/api/v1/oncall/schedules",
                        Map.of(
                                "name", name,
                                "displayName", "Schedule " + name,
                                "team", crew.team(),
                                "timeZone", zone,
                                "rotations", rotations));
    }
}
