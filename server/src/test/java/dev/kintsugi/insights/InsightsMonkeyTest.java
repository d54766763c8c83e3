package dev.kintsugi.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.chaos.MonkeyTerminated;
import dev.kintsugi.chaos.MonkeyTermination;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.WebSession;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Chaos Monkey terminations in the read model, from the chaos module's own {@code MonkeyTerminated} events published
 * as it publishes them (in a transaction, delivered after the commit): counted per service in the period, carried out
 * apart from leashed, once however often an event is delivered, and shown on the page and in the CSV.
 */
class InsightsMonkeyTest extends InsightsTestSupport {
    /** The moment the test's history is about, whatever today is. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-20T12:00:00Z"), ZoneOffset.UTC);

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    ActivityInsights activity;

    void terminated(long id, long service, long team, boolean leashed, Instant at) {
        tx.executeWithoutResult(s -> events.publishEvent(new MonkeyTerminated(
                id, service, Set.of(team), "default", MonkeyTermination.POD, "pod/checkout-1", leashed, at, null)));
    }

    @Test
    void terminationsPerServiceCarriedOutAndLeashedInThePeriod() throws Exception {
        String team = team();
        String checkout = service(team);
        String search = service(team);
        String elsewhere = team();
        long teamId = teamId(team);
        long checkoutId = serviceId(checkout);
        long searchId = serviceId(search);
        long base = ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L);
        Instant now = CLOCK.instant();
        terminated(base, checkoutId, teamId, false, now.minusSeconds(3 * 86_400));
        terminated(base + 1, checkoutId, teamId, false, now.minusSeconds(2 * 86_400));
        terminated(base + 1, checkoutId, teamId, false, now.minusSeconds(2 * 86_400)); // delivered again
        terminated(base + 2, checkoutId, teamId, true, now.minusSeconds(86_400));
        terminated(base + 3, searchId, teamId, true, now.minusSeconds(3_600));
        terminated(base + 4, checkoutId, teamId, false, now.plusSeconds(40 * 86_400)); // after the period

        Instant from = Instant.parse("2025-05-01T00:00:00Z");
        Instant to = Instant.parse("2025-06-01T00:00:00Z");
        InsightsFilter ofTeam = new InsightsFilter(teamId, null, Set.of(), from, to, false);
        List<ActivityInsights.ServiceTerminations> expected = List.of(
                new ActivityInsights.ServiceTerminations(checkout, 2, 1),
                new ActivityInsights.ServiceTerminations(search, 0, 1));
        assertThat(eventually(
                        () -> Actor.runAsSystem("t", () -> activity.monkeyTerminations(ofTeam)), expected::equals))
                .isEqualTo(expected);
        assertThat(Actor.runAsSystem(
                        "t",
                        () -> activity.monkeyTerminations(
                                new InsightsFilter(null, checkoutId, Set.of(), from, to, false))))
                .containsExactly(new ActivityInsights.ServiceTerminations(checkout, 2, 1));
        assertThat(Actor.runAsSystem(
                        "t",
                        () -> activity.monkeyTerminations(
                                new InsightsFilter(teamId(elsewhere), null, Set.of(), from, to, false))))
                .isEmpty();

        String viewer = createUser(unique("viewer"), Role.VIEWER, "password-viewer-9");
        var web = WebSession.loggedIn(baseUrl(), viewer, "password-viewer-9");
        String period = "&from=2025-05-01&to=2025-05-31";
        var page = web.get("/insights?team=" + team + period);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"insights-monkey\"", "Chaos Monkey", "Carried out", "Leashed", checkout);
        assertThat(web.get("/insights?lang=fr&team=" + team + period).body())
                .contains("id=\"insights-monkey\"", "Exécutées", "En laisse");
        assertThat(web.get("/insights?team=" + elsewhere + period).body()).doesNotContain("id=\"insights-monkey\"");

        var csv = web.get("/insights/export/monkey.csv?team=" + team + period);
        assertThat(csv.status()).isEqualTo(200);
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv.body()))
                .getRecords();
        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst().toMap())
                .containsEntry("Service", checkout)
                .containsEntry("Carried out", "2")
                .containsEntry("Leashed", "1")
                .containsEntry("Terminations", "3");
        assertThat(rows.get(1).get("Service")).isEqualTo(search);
    }
}
