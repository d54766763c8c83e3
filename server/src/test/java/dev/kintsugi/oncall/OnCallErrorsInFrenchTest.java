package dev.kintsugi.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The on-call module's refusals are said in the reader's language: a 400 and a 409 asked in French. */
class OnCallErrorsInFrenchTest extends OnCallFixtures {
    @Test
    void aRefusedFieldAndAConflictAreSaidInFrench() {
        Crew crew = crew(0);
        var french = crew.api().withHeader("Accept-Language", "fr");
        var badZone = french.post(
                "/api/v1/oncall/schedules",
                Map.of(
                        "name", unique("s"),
                        "displayName", "Planning",
                        "team", crew.team(),
                        "timeZone", "Mars/Olympus",
                        "rotations", List.of()));
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.body())
                .contains("timeZone")
                .contains("n’est pas un fuseau horaire")
                .contains("Mars/Olympus");

        String name = unique("s");
        Map<String, Object> schedule = Map.of(
                "name",
                name,
                "displayName",
                "Planning",
                "team",
                crew.team(),
                "timeZone",
                "UTC",
                "rotations",
                List.of());
        assertThat(french.post("/api/v1/oncall/schedules", schedule).status()).isEqualTo(201);
        var taken = french.post("/api/v1/oncall/schedules", schedule);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body()).contains("un planning nommé").contains(name);
    }
}
