package dev.kintsugi.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The metric definitions against figures computed by hand, over four incidents of one team in late March 2025
 * (the week Europe/Paris moves to summer time, 2025-03-30 01:00 UTC), one of them missing milestones, one
 * private, plus a game-day incident that counts only when asked for.
 *
 * <pre>
 *      started   detected  declared  ack'ed    mitigated resolved   detect ack  mitigate resolve impact
 *  A   24 10:00  24 10:10  24 10:15  24 10:20  24 10:40  24 11:10    600  300   1800    3600   4200   SEV2
 *  B   29 23:00  29 23:30  29 23:30  29 23:45  30 00:30  30 01:30   1800  900   3600    7200   9000   SEV3 (over DST)
 *  C   —         30 08:00  30 08:05  —         —         30 09:00     —    —      —      3600     —    SEV3 private
 *  D   30 22:00  30 22:25  30 22:30  30 22:31  30 22:55  31 00:25   1500   60   1800    7200   8700   SEV1
 * </pre>
 *
 * D is declared on Sunday 30 March at 22:30 UTC, which is Monday 31 March 00:30 in Paris: its week is the 31st's
 * in Paris and the 24th's in UTC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsMetricsTest extends InsightsTestSupport {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    String team;
    String service;
    String other;
    String owner;
    String keyC;
    InsightsFilter period;

    static Instant t(String s) {
        return Instant.parse("2025-03-" + s + ":00Z");
    }

    @BeforeAll
    void history() {
        team = team();
        service = service(team);
        other = service(team);
        owner = createUser(unique("owner"), Role.RESPONDER, "password-owner-1");
        incident(
                owner,
                Severity.SEV2,
                List.of(service),
                false,
                null,
                new Times(t("24T10:00"), t("24T10:10"), t("24T10:15"), t("24T10:20"), t("24T10:40"), t("24T11:10")));
        incident(
                owner,
                Severity.SEV3,
                List.of(service),
                false,
                null,
                new Times(t("29T23:00"), t("29T23:30"), t("29T23:30"), t("29T23:45"), t("30T00:30"), t("30T01:30")));
        keyC = incident(
                owner,
                Severity.SEV3,
                List.of(service),
                true,
                null,
                new Times(null, t("30T08:00"), t("30T08:05"), null, null, t("30T09:00")));
        incident(
                owner,
                Severity.SEV1,
                List.of(service, other),
                false,
                null,
                new Times(t("30T22:00"), t("30T22:25"), t("30T22:30"), t("30T22:31"), t("30T22:55"), t("31T00:25")));
        incident(
                owner,
                Severity.SEV2,
                List.of(service),
                false,
                4242L,
                new Times(t("26T10:00"), t("26T10:00"), t("26T10:00"), t("26T10:01"), t("26T10:02"), t("26T10:03")));
        period = new InsightsFilter(
                teamId(team), null, Set.of(), t("20T00:00"), Instant.parse("2025-04-07T00:00:00Z"), false);
        // the read model is kept by listeners after each commit: wait until the last edit has arrived
        await().atMost(DEADLINE).untilAsserted(this::everyMetricMatchesTheHandComputedFigures);
    }

    Map<Metric, MetricStats> stats(InsightsFilter f) {
        return Actor.runAsSystem("test", () -> insights.stats(f));
    }

    @Test
    void everyMetricMatchesTheHandComputedFigures() {
        Map<Metric, MetricStats> s = stats(period);
        assertThat(s.get(Metric.DETECT)).isEqualTo(new MetricStats(Metric.DETECT, 3, 1, 1300.0, 1500.0, 1740.0));
        assertThat(s.get(Metric.ACKNOWLEDGE)).isEqualTo(new MetricStats(Metric.ACKNOWLEDGE, 3, 1, 420.0, 300.0, 780.0));
        assertThat(s.get(Metric.MITIGATE)).isEqualTo(new MetricStats(Metric.MITIGATE, 3, 1, 2400.0, 1800.0, 3240.0));
        assertThat(s.get(Metric.RESOLVE)).isEqualTo(new MetricStats(Metric.RESOLVE, 4, 0, 5400.0, 5400.0, 7200.0));
        assertThat(s.get(Metric.IMPACT)).isEqualTo(new MetricStats(Metric.IMPACT, 3, 1, 7300.0, 8700.0, 8940.0));
    }

    @Test
    void anIncidentAcrossTheDstChangeLastsItsRealDuration() {
        InsightsFilter sev3 =
                new InsightsFilter(period.teamId(), null, Set.of(Severity.SEV3), period.from(), period.to(), false);
        // B: 00:30 CET to 03:30 CEST on the wall clock, two hours in fact; C: one hour
        assertThat(stats(sev3).get(Metric.RESOLVE))
                .isEqualTo(new MetricStats(Metric.RESOLVE, 2, 0, 5400.0, 5400.0, 6840.0));
    }

    @Test
    void weeksAreTheViewersWeeks() {
        List<Insights.Bucket> paris = Actor.runAsSystem(
                "test", () -> insights.buckets(filterFrom("2025-03-24", PARIS), Insights.Granularity.WEEK, PARIS));
        assertThat(paris)
                .extracting(Insights.Bucket::start)
                .containsExactly(LocalDate.parse("2025-03-24"), LocalDate.parse("2025-03-31"));
        assertThat(paris.get(0).bySeverity()).isEqualTo(Map.of(Severity.SEV2, 1, Severity.SEV3, 2));
        assertThat(paris.get(0).medianResolveSeconds()).isEqualTo(3600.0);
        assertThat(paris.get(1).bySeverity()).isEqualTo(Map.of(Severity.SEV1, 1));
        assertThat(paris.get(1).medianResolveSeconds()).isEqualTo(7200.0);

        ZoneId utc = ZoneId.of("UTC");
        List<Insights.Bucket> inUtc = Actor.runAsSystem(
                "test", () -> insights.buckets(filterFrom("2025-03-24", utc), Insights.Granularity.WEEK, utc));
        assertThat(inUtc.get(0).total()).isEqualTo(4);
        assertThat(inUtc.get(1).total()).isZero();
    }

    InsightsFilter filterFrom(String monday, ZoneId zone) {
        LocalDate from = LocalDate.parse(monday);
        return new InsightsFilter(
                period.teamId(),
                null,
                Set.of(),
                from.atStartOfDay(zone).toInstant(),
                from.plusWeeks(2).atStartOfDay(zone).toInstant(),
                false);
    }

    @Test
    void gameDayIncidentsCountOnlyWhenAskedFor() {
        InsightsFilter with = new InsightsFilter(period.teamId(), null, Set.of(), period.from(), period.to(), true);
        await().atMost(DEADLINE)
                .untilAsserted(() ->
                        assertThat(stats(with).get(Metric.RESOLVE).measured()).isEqualTo(5));
        assertThat(stats(period).get(Metric.RESOLVE).measured()).isEqualTo(4);
    }

    @Test
    void filtersByServiceAndSeverity() {
        InsightsFilter onOther =
                new InsightsFilter(null, serviceId(other), Set.of(), period.from(), period.to(), false);
        assertThat(stats(onOther).get(Metric.RESOLVE))
                .isEqualTo(new MetricStats(Metric.RESOLVE, 1, 0, 7200.0, 7200.0, 7200.0));
        InsightsFilter sev1or2 = new InsightsFilter(
                period.teamId(), null, Set.of(Severity.SEV1, Severity.SEV2), period.from(), period.to(), false);
        assertThat(stats(sev1or2).get(Metric.DETECT).measured()).isEqualTo(2);
        InsightsFilter before =
                new InsightsFilter(period.teamId(), null, Set.of(), period.from(), t("29T00:00"), false);
        assertThat(stats(before).get(Metric.RESOLVE).measured()).isEqualTo(1);
    }

    @Test
    void mtbfIsTheMeanGapBetweenStarts() {
        List<Insights.ServiceMtbf> mtbf = Actor.runAsSystem("test", () -> insights.mtbf(period));
        // starts: A 24 10:00, B 29 23:00, C (detected) 30 08:00, D 30 22:00: 6 d 12 h over 3 gaps
        assertThat(mtbf)
                .contains(new Insights.ServiceMtbf(service, 4, 187200.0), new Insights.ServiceMtbf(other, 1, null));
    }

    @Test
    void incompleteIncidentsAreListedWithWhatTheyMiss_titlesOnlyForThoseWhoMaySeeThem() {
        String stranger = createUser(unique("viewer"), Role.VIEWER, "password-viewer-1");
        List<Insights.IncompleteIncident> asStranger =
                Actor.runAs(stranger, Role.VIEWER, () -> insights.incomplete(period, 100));
        assertThat(asStranger).singleElement().satisfies(i -> {
            assertThat(i.key()).isEqualTo(keyC);
            assertThat(i.team()).isEqualTo(team);
            assertThat(i.title()).isNull();
            assertThat(i.missing()).containsExactly("IMPACT_STARTED", "ACKNOWLEDGED", "MITIGATED");
        });
        List<Insights.IncompleteIncident> asOwner =
                Actor.runAs(owner, Role.RESPONDER, () -> insights.incomplete(period, 100));
        assertThat(asOwner.getFirst().title()).startsWith("Insights test");
        List<Insights.IncompleteIncident> asAdmin =
                Actor.runAs("admin", Role.ADMIN, () -> insights.incomplete(period, 100));
        assertThat(asAdmin.getFirst().title()).startsWith("Insights test");
    }

    @Test
    void theCsvExportParsesBackToTheTable() throws Exception {
        String viewer = createUser(unique("viewer"), Role.VIEWER, "password-viewer-2");
        var web = dev.kintsugi.support.WebSession.loggedIn(baseUrl(), viewer, "password-viewer-2");
        var page = web.get("/insights/export/metrics.csv?team=" + team + "&from=2025-03-20&to=2025-04-06");
        assertThat(page.status()).isEqualTo(200);
        List<CSVRecord> rows = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(page.body()))
                .getRecords();
        assertThat(rows).hasSize(5);
        CSVRecord resolve = rows.get(3);
        assertThat(resolve.get("Metric")).isEqualTo("Time to resolve");
        assertThat(resolve.get("Measured")).isEqualTo("4");
        assertThat(resolve.get("Missing")).isEqualTo("0");
        assertThat(resolve.get("Median (s)")).isEqualTo("5400");
        assertThat(resolve.get("90th percentile (s)")).isEqualTo("7200");
        CSVRecord detect = rows.get(0);
        assertThat(detect.get("Missing")).isEqualTo("1");

        var quality = web.get("/insights/export/data-quality.csv?team=" + team + "&from=2025-03-20&to=2025-04-06");
        List<CSVRecord> q =
                CSVFormat.RFC4180.parse(new StringReader(quality.body())).getRecords();
        assertThat(q).hasSize(2);
        assertThat(q.get(1).get(1)).isEqualTo(keyC);
        assertThat(q.get(1).get(2)).isEqualTo("(private incident)");
        assertThat(q.get(1).get(3)).isEqualTo("Impact started, Acknowledged, Mitigated");
    }

    @Test
    void thePageShowsTheFiguresChartsAndTables() {
        var web = dev.kintsugi.support.WebSession.loggedIn(baseUrl(), owner, "password-owner-1");
        var page = web.get("/insights?team=" + team + "&from=2025-03-20&to=2025-04-06");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"insights-headline\"", "<svg", "chart-segment", "Table view", "metrics.csv")
                .contains(keyC)
                .contains("1 h 30 min");
        var french = web.get("/insights?lang=fr&team=" + team + "&from=2025-03-20&to=2025-04-06");
        assertThat(french.body()).contains("Délai de résolution");
    }

    @Autowired
    dev.kintsugi.postmortem.PostmortemManagement postmortems;

    @Test
    void thePostmortemOfAnIncompleteIncidentAsksForItsMilestonesBeforeReview() {
        long incidentId = Actor.runAsSystem("t", () -> incidents.get(keyC).id());
        long pm = eventually(
                        () -> Actor.runAsSystem("t", () -> postmortems.idForIncident(incidentId)),
                        java.util.Optional::isPresent)
                .orElseThrow();
        var web = dev.kintsugi.support.WebSession.loggedIn(baseUrl(), owner, "password-owner-1");
        var page = web.get("/postmortems/" + pm);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"missing-milestones\"")
                .contains("Incident " + keyC + " has no &quot;Mitigated&quot; time")
                .contains("Incident " + keyC + " has no &quot;Acknowledged&quot; time")
                .doesNotContain("has no &quot;Detected&quot; time");
    }

    @Test
    void badFiltersAreRefusedNamingTheField() {
        String viewer = createUser(unique("viewer"), Role.VIEWER, "password-viewer-3");
        var web = dev.kintsugi.support.WebSession.loggedIn(baseUrl(), viewer, "password-viewer-3");
        assertThat(web.get("/insights?from=2025-13-01").status()).isEqualTo(400);
        assertThat(web.get("/insights?team=" + unique("nobody")).status()).isEqualTo(400);
        var api = apiAs(Role.VIEWER);
        var r = api.get("/api/v1/insights/metrics?from=2025-04-02&to=2025-04-01");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("from");
        var ok = api.get("/api/v1/insights/metrics?team=" + team + "&from=2025-03-20&to=2025-04-06");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("metrics").get(3).get("median").asDouble()).isEqualTo(5400.0);
    }
}
