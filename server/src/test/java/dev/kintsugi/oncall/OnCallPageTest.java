package dev.kintsugi.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.WebSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The on-call pages through a real session: schedules with who is on call, the calendar, taking a shift. */
class OnCallPageTest extends OnCallFixtures {
    @Autowired
    Clock clock;

    @Test
    void theSchedulePageShowsWhoIsOnCallAndASecondPersonTakesAShiftInTwoClicks() {
        Crew crew = crew(1);
        String ann = crew.people().get(0);
        String bob = crew.people().get(1);
        String sched = unique("sched");
        String start = dayBefore(clock.instant(), ChronoUnit.DAYS);
        assertThat(schedule(crew, sched, "UTC", List.of(rotation("r", 0, List.of(ann, bob), start, "DAYS", 1)))
                        .status())
                .isEqualTo(201);

        WebSession web = WebSession.loggedIn(baseUrl(), bob, "password-long-enough");
        var index = web.get("/oncall");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.body()).contains("Schedule " + sched).contains("id=\"my-shifts\"");

        var page = web.get("/oncall/schedules/" + sched);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"calendar\"").contains("take-shift");
        Instant now = clock.instant();
        String holder = tx.execute(s -> schedules.onCallAt(schedules.get(sched), now))
                .getFirst()
                .username();
        // bob takes whatever turn he does not hold: the first "Take" button on the page
        var turn = tx.execute(s -> schedules.shifts(schedules.get(sched), now, now.plus(Duration.ofDays(3)))).stream()
                .filter(x -> !x.username().equals(bob))
                .findFirst()
                .orElseThrow();
        var taken = web.post(
                "/oncall/schedules/" + sched + "/take",
                Map.of("rotation", "r", "shiftAt", turn.start().toString()));
        assertThat(taken.status()).isEqualTo(302);
        var after = web.get("/oncall/schedules/" + sched);
        assertThat(after.body()).contains("id=\"overrides\"").contains(bob);
        Instant inside = turn.start().plusSeconds(60);
        assertThat(tx.execute(s -> schedules.onCallAt(schedules.get(sched), inside))
                        .getFirst()
                        .username())
                .isEqualTo(bob);
        assertThat(holder).isIn(ann, bob);

        var refused = web.postWithoutCsrf(
                "/oncall/schedules/" + sched + "/take",
                Map.of("rotation", "r", "shiftAt", turn.start().toString()));
        assertThat(refused.status()).isEqualTo(403);

        assertThat(web.get("/oncall/fairness").body())
                .contains("id=\"fairness\"")
                .contains("fairness-csv");
        var fr = web.get("/oncall", Map.of("Accept-Language", "fr"));
        assertThat(fr.body()).contains("Plannings");
    }

    @Test
    void aResponderSwapsOneOfTheirTurnsForAColleaguesFromTheSchedulePage() {
        Crew crew = crew(1);
        String ann = crew.people().get(0);
        String bob = crew.people().get(1);
        String sched = unique("sched");
        String start = dayBefore(clock.instant(), ChronoUnit.DAYS);
        assertThat(schedule(crew, sched, "UTC", List.of(rotation("r", 0, List.of(ann, bob), start, "DAYS", 1)))
                        .status())
                .isEqualTo(201);
        Instant now = clock.instant();
        var coming = tx.execute(s -> schedules.shifts(schedules.get(sched), now, now.plus(Duration.ofDays(6)))).stream()
                .filter(x -> x.start().isAfter(now))
                .toList();
        OnCallShift mine = coming.stream()
                .filter(x -> x.username().equals(ann))
                .findFirst()
                .orElseThrow();
        OnCallShift theirs = coming.stream()
                .filter(x -> x.username().equals(bob))
                .findFirst()
                .orElseThrow();

        WebSession web = WebSession.loggedIn(baseUrl(), ann, "password-long-enough");
        String page = web.get("/oncall/schedules/" + sched).body();
        assertThat(page)
                .contains("swap-form")
                .contains("name=\"theirsAt\" value=\"" + theirs.start() + "\"")
                .contains("value=\"" + mine.start() + "\"");
        var swapped = web.post(
                "/oncall/schedules/" + sched + "/swap",
                Map.of(
                        "rotation",
                        "r",
                        "mineAt",
                        mine.start().toString(),
                        "theirsAt",
                        theirs.start().toString()));
        assertThat(swapped.status()).isEqualTo(302);
        assertThat(web.get("/oncall/schedules/" + sched).body()).contains("The turns are swapped.");
        Instant inMine = mine.start().plusSeconds(60);
        Instant inTheirs = theirs.start().plusSeconds(60);
        assertThat(tx.execute(s -> schedules.onCallAt(schedules.get(sched), inMine))
                        .getFirst()
                        .username())
                .isEqualTo(bob);
        assertThat(tx.execute(s -> schedules.onCallAt(schedules.get(sched), inTheirs))
                        .getFirst()
                        .username())
                .isEqualTo(ann);
        assertThat(web.postWithoutCsrf(
                                "/oncall/schedules/" + sched + "/swap",
                                Map.of(
                                        "rotation",
                                        "r",
                                        "mineAt",
                                        theirs.start().toString(),
                                        "theirsAt",
                                        mine.start().toString()))
                        .status())
                .isEqualTo(403);
    }

    @Autowired
    Schedules schedules;
}
