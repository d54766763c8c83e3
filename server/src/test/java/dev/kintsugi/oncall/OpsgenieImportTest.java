package dev.kintsugi.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Opsgenie's schedule and escalation answers (samples in test resources, see their README) imported over HTTP. */
class OpsgenieImportTest extends OnCallFixtures {
    @Autowired
    Schedules schedules;

    @Test
    void schedulesAndEscalationsArriveAsRotationsAndLevels() throws Exception {
        Crew crew = crew(1);
        String ann = crew.people().get(0);
        String bob = crew.people().get(1);
        String suffix = crew.team();
        String body = "{\"team\": \"" + crew.team() + "\", \"schedules\": "
                + sample("schedules.json", ann, bob + "@example.test", suffix) + ", \"escalations\": "
                + sample("escalations.json", ann, bob + "@example.test", suffix) + "}";
        var r = crew.api().post("/api/v1/oncall/imports/opsgenie", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String scheduleName = r.json().get("schedules").get(0).asString();
        assertThat(scheduleName).isEqualTo("payments-primary-" + suffix);
        assertThat(r.json().get("warnings").toString()).contains("none participant");

        Schedule s = schedules.get(scheduleName);
        assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(s.rotations()).hasSize(2);
        assertThat(s.rotations().getFirst().participants()).containsExactly(ann, bob);
        ZoneId paris = ZoneId.of("Europe/Paris");
        // a Tuesday noon: the business-hours rotation (a later Opsgenie rotation, a higher layer) has bob
        var tuesdayNoon = ZonedDateTime.of(2026, 1, 6, 12, 0, 0, 0, paris).toInstant();
        var tuesdayNight = ZonedDateTime.of(2026, 1, 6, 22, 0, 0, 0, paris).toInstant();
        assertThat(onCall(s, tuesdayNoon))
                .extracting(ScheduleResolver.OnCall::username)
                .containsExactly(bob);
        assertThat(onCall(s, tuesdayNight))
                .extracting(ScheduleResolver.OnCall::username)
                .containsExactly(ann);

        String policy = r.json().get("policies").get(0).asString();
        JsonNode p =
                crew.api().get("/api/v1/oncall/escalation-policies/" + policy).json();
        assertThat(p.get("levels")).hasSize(3);
        assertThat(p.get("levels").get(0).get("type").asString()).isEqualTo("SCHEDULE");
        assertThat(p.get("levels").get(0).get("target").asString()).isEqualTo(scheduleName);
        assertThat(p.get("levels").get(0).get("timeoutMinutes").asInt()).isEqualTo(10);
        assertThat(p.get("levels").get(1).get("target").asString())
                .as("matched by e-mail")
                .isEqualTo(bob);
        assertThat(p.get("levels").get(1).get("timeoutMinutes").asInt()).isEqualTo(15);
        assertThat(p.get("levels").get(2).get("timeoutMinutes").asInt())
                .as("the repeat wait")
                .isEqualTo(15);
        assertThat(p.get("repeat").asInt()).isEqualTo(2);
        assertThat(p.get("teamDefault").asBoolean()).isTrue();
    }

    @Test
    void anUnknownPersonRefusesTheWholeImport() throws Exception {
        Crew crew = crew(0);
        String suffix = crew.team();
        String body = "{\"team\": \"" + crew.team() + "\", \"schedules\": "
                + sample("schedules.json", crew.lead(), "nobody@example.test", suffix) + "}";
        var r = crew.api().post("/api/v1/oncall/imports/opsgenie", body);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).contains("participants");
        assertThat(crew.api()
                        .get("/api/v1/oncall/schedules/payments-primary-" + suffix)
                        .status())
                .as("nothing half-written")
                .isEqualTo(404);
    }

    private java.util.List<ScheduleResolver.OnCall> onCall(Schedule s, java.time.Instant at) {
        return tx.execute(x -> schedules.onCallAt(s, at));
    }

    private static String sample(String file, String ann, String bob, String suffix) throws IOException {
        try (InputStream in = OpsgenieImportTest.class.getResourceAsStream("/oncall/opsgenie/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("@@ANN@@", ann)
                    .replace("@@BOB@@", bob)
                    .replace("\"Payments Primary\"", "\"Payments Primary " + suffix + "\"")
                    .replace("\"Payments Escalation\"", "\"Payments Escalation " + suffix + "\"");
        }
    }
}
