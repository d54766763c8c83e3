package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.gameday.GameDayMode;
import dev.kintsugi.gameday.GameDayPlan;
import dev.kintsugi.gameday.GameDayPlay;
import dev.kintsugi.gameday.GameDayView;
import dev.kintsugi.gameday.GameDays;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.WebSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A game day in progress makes its services' alerts expected (kind {@code game-day}, its id, its facilitator, its
 * start), read from the database through the game-day facade — so an instance that started after the game day, or
 * another instance of the cluster, answers the same — and linked to the game day's page; once it has ended, the
 * next alert is not expected any more.
 */
class GameDayExpectationsTest extends AlertingFixtures {
    @Autowired
    GameDays gameDays;

    @Autowired
    GameDayPlay play;

    @Autowired
    Clock clock;

    @BeforeEach
    void setUp() {
        organisation();
        teamDefaultEscalationPolicy();
    }

    @Test
    void alertsOfAServiceUnderARunningGameDayAreExpectedUntilItEnds() {
        GameDayView planned = Actor.runAs(
                responder,
                Role.RESPONDER,
                () -> tx.execute(s -> gameDays.plan(new GameDayPlan(
                        unique("Rehearsal"),
                        "The database fails over.",
                        GameDayMode.INFORMED,
                        clock.instant().plus(Duration.ofHours(1)),
                        60,
                        "staging",
                        List.of(service),
                        null,
                        null))));
        GameDayView started = Actor.runAs(
                responder, Role.RESPONDER, () -> tx.execute(s -> play.start(planned.id(), planned.version())));
        JsonNode integration = integration(SourceType.PAGERDUTY, Map.of("routing", "NOTIFY_ONLY"));

        JsonNode during = trigger(integration, unique("during"));
        JsonNode expected = during.get("expected");
        assertThat(expected).as(during.toString()).isNotNull();
        assertThat(expected.get("kind").asString()).isEqualTo("game-day");
        assertThat(expected.get("reference").asLong()).isEqualTo(planned.id());
        assertThat(expected.get("owner").asString()).isEqualTo(responder);
        assertThat(expected.get("startedAt").asString()).isNotBlank();
        String page = WebSession.loggedIn(baseUrl(), responder, "password-" + responder)
                .get("/alerts/" + during.get("id").asLong())
                .body();
        assertThat(page).contains("href=\"/gamedays/" + planned.id() + "\"");

        Actor.runAs(responder, Role.RESPONDER, () -> tx.execute(s -> play.end(started.id(), started.version())));
        JsonNode after = trigger(integration, unique("after"));
        assertThat(after.hasNonNull("expected")).as(after.toString()).isFalse();
    }

    private JsonNode trigger(JsonNode integration, String dedup) {
        Answer a = post("/webhooks/pagerduty/v2/enqueue", """
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"Replica lag %s","source":"db-1","severity":"critical"}}""".formatted(
                        integration.get("key").asString(), dedup, dedup));
        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        return await(
                        () -> api.get("/api/v1/alerting/groups?integration="
                                        + integration.get("id").asLong() + "&q=" + dedup)
                                .json(),
                        x -> x.size() == 1,
                        "group " + dedup)
                .get(0);
    }
}
