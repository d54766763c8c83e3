package dev.kintsugi.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.AdjustableClock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Routing by the policy's calendar (hold low severities after hours, pause escalation over days off) and the
 * fairness report, at chosen instants of the injected clock. Steps are run directly inside one transaction, so
 * the timers db-scheduler gets after the commit find their step already done.
 */
class RoutingAndFairnessTest extends NotifyingTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    Paging paging;

    @Autowired
    EscalationPolicies policies;

    @Autowired
    AdjustableClock clock;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private long policy(Crew crew, String first, String second, boolean teamDefault, List<String> holidays) {
        var r = crew.api()
                .post(
                        "/api/v1/oncall/escalation-policies",
                        Map.of(
                                "name",
                                unique("policy"),
                                "displayName",
                                "Routed",
                                "team",
                                crew.team(),
                                "teamDefault",
                                teamDefault,
                                "levels",
                                List.of(
                                        Map.of("type", "USER", "target", first, "timeoutMinutes", 5),
                                        Map.of("type", "USER", "target", second, "timeoutMinutes", 5)),
                                "repeat",
                                0,
                                "calendar",
                                Map.of(
                                        "timeZone",
                                        "Europe/Paris",
                                        "workDays",
                                        List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                                        "dayStart",
                                        "09:00",
                                        "dayEnd",
                                        "18:00",
                                        "holidays",
                                        holidays),
                                "afterHoursSeverities",
                                List.of("SEV1"),
                                "pauseOnDaysOff",
                                true));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return tx.execute(s -> policies.get(r.json().get("name").asString()).id());
    }

    private PageView pageAt(Instant at, long policy, String severity, boolean runFirstStep) {
        return clock.callAt(
                at,
                () -> tx.execute(s -> {
                    PageView p = paging.page(new PageRequest(
                            "test",
                            unique("subject"),
                            "Disk full",
                            null,
                            severity,
                            List.of(),
                            List.of(),
                            policy,
                            null));
                    if (runFirstStep) {
                        paging.step(p.id(), step(p.id()));
                    }
                    return paging.find(p.id()).orElseThrow();
                }));
    }

    private List<String> paged(long pageId) {
        return tx.execute(s -> paging.recipients(pageId));
    }

    private int step(long pageId) {
        return jdbc.sql("select step from oncall_page where id = ?")
                .param(pageId)
                .query(Integer.class)
                .single();
    }

    private void stepAt(Instant at, long pageId) {
        clock.runAt(at, () -> tx.executeWithoutResult(s -> paging.step(pageId, step(pageId))));
    }

    @Test
    void lowSeveritiesWaitForWorkingHoursAndEscalationPausesOverTheWeekend() {
        Crew crew = crew(1);
        String a = crew.people().get(0);
        String b = crew.people().get(1);
        long policy = policy(crew, a, b, false, List.of());
        Instant saturdayNight = ZonedDateTime.of(2026, 3, 7, 3, 0, 0, 0, PARIS).toInstant();
        Instant mondayNine = ZonedDateTime.of(2026, 3, 9, 9, 0, 0, 0, PARIS).toInstant();

        PageView low = pageAt(saturdayNight, policy, "SEV3", false);
        assertThat(low.status()).isEqualTo(PageStatus.HELD);
        assertThat(low.nextStepAt()).isEqualTo(mondayNine);
        stepAt(saturdayNight.plusSeconds(600), low.id());
        assertThat(paged(low.id())).as("still held on Saturday").isEmpty();
        stepAt(mondayNine, low.id());
        assertThat(paged(low.id())).containsExactly(a);

        PageView high = pageAt(saturdayNight, policy, "SEV1", true);
        assertThat(high.status()).isEqualTo(PageStatus.TRIGGERED);
        assertThat(paged(high.id())).as("SEV1 pages at once, at night").containsExactly(a);
        stepAt(saturdayNight.plusSeconds(300), high.id());
        PageView paused = tx.execute(s -> paging.find(high.id())).orElseThrow();
        assertThat(paged(high.id())).as("level 2 waits for Monday").containsExactly(a);
        assertThat(paused.nextStepAt()).isEqualTo(mondayNine);
        stepAt(mondayNine, high.id());
        assertThat(paged(high.id())).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void fairnessCountsHoursNightsWeekendsHolidaysAndInterruptedSleep() {
        Crew crew = crew(1);
        String ann = crew.people().get(0);
        String bob = crew.people().get(1);
        String sched = unique("sched");
        // ann holds the week of Monday 2 March 2026 (UTC), bob the next one
        assertThat(schedule(
                                crew,
                                sched,
                                "UTC",
                                List.of(rotation("r", 0, List.of(ann, bob), "2026-03-02T00:00:00", "WEEKS", 1)))
                        .status())
                .isEqualTo(201);
        long policy = policy(crew, ann, bob, true, List.of("2026-03-04"));
        Instant night = Instant.parse("2026-03-03T23:30:00Z");
        pageAt(night, policy, "SEV1", true);

        Instant from = Instant.parse("2026-03-02T00:00:00Z");
        Instant to = Instant.parse("2026-03-09T00:00:00Z");
        JsonNode rows = crew.api()
                .get("/api/v1/oncall/fairness?from=" + from + "&to=" + to)
                .json();
        JsonNode row = null;
        for (JsonNode r : rows) {
            if (r.get("username").asString().equals(ann)) {
                row = r;
            }
        }
        assertThat(row).as(rows.toString()).isNotNull();
        assertThat(row.get("hours").asDouble()).isEqualTo(168.0);
        assertThat(row.get("nightHours").asDouble()).as("9 h a night, 7 nights").isEqualTo(63.0);
        assertThat(row.get("weekendHours").asDouble()).isEqualTo(48.0);
        assertThat(row.get("holidayHours").asDouble()).isEqualTo(24.0);
        assertThat(row.get("pagesReceived").asInt()).isEqualTo(1);
        assertThat(row.get("sleepInterrupted").asInt()).isEqualTo(1);

        var csv = crew.api().get("/api/v1/oncall/fairness.csv?from=" + from + "&to=" + to);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body())
                .startsWith("username,display_name,period_start,period_end,hours,night_hours")
                .contains(ann + ",Test " + ann + "," + from + "," + to + ",168.00,63.00,48.00,24.00,1,1");
    }
}
