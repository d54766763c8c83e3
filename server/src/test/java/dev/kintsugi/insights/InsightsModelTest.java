package dev.kintsugi.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.WebSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The read model: the rebuild equals what the events made; the weak-signal rule; the gauges. */
class InsightsModelTest extends InsightsTestSupport {
    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    WeakSignals signals;

    List<Map<String, Object>> rowsOf(String team) {
        return jdbc.sql("select i.* from insights_incident i join insights_incident_team t on t.incident_id ="
                        + " i.incident_id where t.team_id = ? order by i.incident_id")
                .param(teamId(team))
                .query()
                .listOfRows();
    }

    List<Map<String, Object>> servicesOf(String team) {
        return jdbc.sql("select s.* from insights_incident_service s join insights_incident_team t on t.incident_id ="
                        + " s.incident_id where t.team_id = ? order by s.incident_id, s.service_id")
                .param(teamId(team))
                .query()
                .listOfRows();
    }

    @Test
    void theRebuildEqualsTheModelTheEventsMade() {
        String team = team();
        String a = service(team);
        String b = service(team);
        String by = createUser(unique("resp"), Role.RESPONDER, "password-resp-1");
        Instant now = clock.instant();
        incident(
                by,
                Severity.SEV2,
                List.of(a, b),
                false,
                null,
                new Times(
                        now.minusSeconds(7200),
                        now.minusSeconds(7000),
                        now.minusSeconds(6900),
                        now.minusSeconds(6800),
                        now.minusSeconds(6000),
                        now.minusSeconds(3000)));
        incident(
                by,
                Severity.SEV4,
                List.of(b),
                true,
                null,
                new Times(null, now.minusSeconds(500), now.minusSeconds(400), null, null, null));
        InsightsFilter f = new InsightsFilter(teamId(team), null, Set.of(), null, null, false);
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(rowsOf(team)).hasSize(2);
            assertThat(Actor.runAsSystem("t", () -> insights.stats(f))
                            .get(Metric.RESOLVE)
                            .measured())
                    .isEqualTo(1);
            assertThat(Actor.runAsSystem("t", () -> insights.stats(f))
                            .get(Metric.MITIGATE)
                            .measured())
                    .isEqualTo(1);
        });
        var fromEvents = rowsOf(team);
        var servicesFromEvents = servicesOf(team);

        // only admins may ask for a rebuild
        assertThat(apiAs(Role.RESPONDER)
                        .post("/api/v1/insights/rebuild", Map.of())
                        .status())
                .isEqualTo(403);
        var r = apiAs(Role.ADMIN).post("/api/v1/insights/rebuild", Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("incidents").asLong()).isGreaterThanOrEqualTo(2);

        assertThat(rowsOf(team)).isEqualTo(fromEvents);
        assertThat(servicesOf(team)).isEqualTo(servicesFromEvents);
    }

    @Test
    void repeatedLowSeverityIncidentsNobodyAddressesAreAWeakSignal_untilAPostmortemNamesTheService() {
        String team = team();
        String svc = service(team);
        String calm = service(team);
        String by = createUser(unique("resp"), Role.RESPONDER, "password-resp-2");
        Instant now = clock.instant();
        for (int i = 1; i <= 3; i++) {
            Instant at = now.minus(Duration.ofDays(i * 5L));
            incident(
                    by,
                    i == 2 ? Severity.SEV4 : Severity.SEV3,
                    List.of(svc),
                    false,
                    null,
                    new Times(null, at, at, null, null, null));
        }
        // two are not enough, and one older than the window does not count
        Instant old = now.minus(Duration.ofDays(40));
        incident(by, Severity.SEV3, List.of(calm), false, null, new Times(null, old, old, null, null, null));
        Instant recent = now.minus(Duration.ofDays(1));
        for (int i = 0; i < 2; i++) {
            incident(by, Severity.SEV4, List.of(calm), false, null, new Times(null, recent, recent, null, null, null));
        }
        WeakSignals.WeakSignal signal = eventually(
                        () -> Actor.runAs(by, Role.RESPONDER, () -> signals.current()),
                        s -> s.stream().anyMatch(w -> w.services().equals(List.of(svc)) && w.count() == 3))
                .stream()
                .filter(w -> w.services().equals(List.of(svc)))
                .findFirst()
                .orElseThrow();
        assertThat(signal.kind()).isEqualTo(WeakSignals.SignalKind.LOW_SEVERITY);
        assertThat(signal.evidence()).hasSize(3).allMatch(k -> k.startsWith("INC-"));
        assertThat(Actor.runAs(by, Role.RESPONDER, () -> signals.current()))
                .noneMatch(w -> w.services().contains(calm));

        // the dashboard shows it with its one-click post-mortem
        WebSession web = WebSession.loggedIn(baseUrl(), by, "password-resp-2");
        var card = web.get("/cards/dashboard/weak-signals");
        assertThat(card.status()).isEqualTo(200);
        assertThat(card.body()).contains(svc, signal.evidence().getFirst(), "/insights/weak-signals/postmortem");

        var started = web.post(
                "/insights/weak-signals/postmortem",
                Map.of(
                        "kind",
                        "LOW_SEVERITY",
                        "services",
                        svc,
                        "evidence",
                        String.join(", ", signal.evidence()),
                        "count",
                        "3"));
        assertThat(started.status()).isEqualTo(302);
        assertThat(started.location()).matches(".*/postmortems/\\d+/edit");
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(Actor.runAs(by, Role.RESPONDER, () -> signals.current()))
                        .noneMatch(w -> w.services().contains(svc)));
    }

    @Test
    void headlineFiguresArePrometheusGauges() {
        String admin = createUser(unique("admin"), Role.ADMIN, "password-admin-1");
        WebSession web = WebSession.loggedIn(baseUrl(), admin, "password-admin-1");
        var metrics = web.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("kintsugi_insights_mttr_seconds{stat=\"median\"}")
                .contains("kintsugi_insights_mttd_seconds{stat=\"p90\"}")
                .contains("kintsugi_insights_countermeasures_overdue")
                .contains("kintsugi_insights_weak_signals");
        long expected = Actor.runAsSystem("t", () -> signals.current().size());
        assertThat(metrics.body()).containsPattern("kintsugi_insights_weak_signals(\\{[^}]*\\})? " + expected + "\\.0");
    }
}
