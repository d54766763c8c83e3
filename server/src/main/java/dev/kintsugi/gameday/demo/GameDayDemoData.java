package dev.kintsugi.gameday.demo;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.chaos.ExperimentView;
import dev.kintsugi.gameday.GameDayDebrief;
import dev.kintsugi.gameday.GameDayInjects;
import dev.kintsugi.gameday.GameDayMode;
import dev.kintsugi.gameday.GameDayPlan;
import dev.kintsugi.gameday.GameDayPlay;
import dev.kintsugi.gameday.GameDayRole;
import dev.kintsugi.gameday.GameDays;
import dev.kintsugi.gameday.InjectKind;
import dev.kintsugi.gameday.Readiness;
import dev.kintsugi.gameday.ResponseKind;
import dev.kintsugi.gameday.ResponseView;
import dev.kintsugi.gameday.TeamView;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's game days ({@code kintsugi.demo=true}), through the facades only, after the demo shop is set up: one
 * played at the first start (a tabletop inject, two teams responding, a diagnosis judged, a hint, ended, with its
 * debrief and post-mortem draft; no incident declared) and one planned for next week against the demo shop (blind, the "Checkout latency"
 * experiment scheduled five minutes after the start). Nothing is created twice: skipped when a game day exists.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 8)
@ConditionalOnProperty(name = "kintsugi.demo", havingValue = "true")
class GameDayDemoData implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(GameDayDemoData.class);
    static final String FACILITATOR = "lucas.moreau";

    private final GameDays days;
    private final GameDayPlay play;
    private final GameDayInjects injects;
    private final GameDayDebrief debrief;
    private final CatalogManagement catalog;
    private final ChaosExperiments experiments;
    private final Clock clock;

    GameDayDemoData(
            GameDays days,
            GameDayPlay play,
            GameDayInjects injects,
            GameDayDebrief debrief,
            CatalogManagement catalog,
            ChaosExperiments experiments,
            Clock clock) {
        this.days = days;
        this.play = play;
        this.injects = injects;
        this.debrief = debrief;
        this.catalog = catalog;
        this.experiments = experiments;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            if (!Actor.runAsSystem("demo data: game days", () -> days.list(1)).isEmpty()) {
                return;
            }
            past();
            planned();
        } catch (RuntimeException e) {
            log.warn("Demo game days not created: {}", e.toString());
        }
    }

    private static <T> T as(String user, Role role, Supplier<T> work) {
        return Actor.runAs(user, role, work);
    }

    private List<String> shop(String... names) {
        return Actor.runAsSystem(
                "demo data: game days",
                () -> java.util.Arrays.stream(names)
                        .filter(n -> catalog.findService(n).isPresent())
                        .toList());
    }

    private void past() {
        long id = as(
                        FACILITATOR,
                        Role.CHAOS_ENGINEER,
                        () -> days.plan(new GameDayPlan(
                                "Payday rehearsal",
                                "It is the **last Friday of the month**: everyone is paid and everyone pays. The"
                                        + " payments provider starts to struggle.",
                                GameDayMode.INFORMED,
                                clock.instant().truncatedTo(ChronoUnit.MINUTES),
                                60,
                                "staging",
                                shop("shop-checkout", "shop-payments"),
                                "Checkout tells customers to retry instead of spinning forever.",
                                "Detect within 5 minutes; mitigate within 15; write the incident report as we go.")))
                .id();
        List<TeamView> teams = setUp(id);
        TeamView red = teams.get(0);
        as(
                FACILITATOR,
                Role.CHAOS_ENGINEER,
                () -> injects.add(
                        id,
                        "Customers report spinning payments",
                        InjectKind.TABLETOP,
                        null,
                        "Support forwards three tweets: \"payment spins forever\". The status page is green.",
                        null));
        as(FACILITATOR, Role.CHAOS_ENGINEER, () -> play.start(id, null));
        long inject = as(FACILITATOR, Role.CHAOS_ENGINEER, () -> injects.list(id))
                .get(0)
                .id();
        as("priya.sharma", Role.RESPONDER, () -> injects.fire(id, inject));
        hero("amelie.laurent", id, ResponseKind.HYPOTHESIS, "The payments provider is slow, not down.");
        // no incident declared: the demo company's open incidents stay what the incident demo makes them
        hero("jonas.berg", id, ResponseKind.FINDING, "p99 of checkout → payments went from 200 ms to 2.1 s.");
        hero("jonas.berg", id, ResponseKind.DETECTED, null);
        ResponseView diagnosis = hero(
                "amelie.laurent", id, ResponseKind.DIAGNOSIS, "Latency on the checkout → payments hop; no timeout.");
        as(FACILITATOR, Role.CHAOS_ENGINEER, () -> play.judge(id, diagnosis.id(), true));
        hero("jonas.berg", id, ResponseKind.FINDING, "Checkout's client has no timeout below 5 s.");
        hero("amelie.laurent", id, ResponseKind.MITIGATED, null);
        hero("marcus.reed", id, ResponseKind.HYPOTHESIS, "The database is saturated.");
        as(
                FACILITATOR,
                Role.CHAOS_ENGINEER,
                () -> play.hint(id, teams.get(1).id(), "Look between checkout and payments."));
        hero("sofia.alvarez", id, ResponseKind.DETECTED, null);
        as(FACILITATOR, Role.CHAOS_ENGINEER, () -> play.end(id, null));
        as(FACILITATOR, Role.CHAOS_ENGINEER, () -> debrief.draftPostmortem(id));
        log.info("Demo game day {} played (team {} first)", id, red.name());
    }

    private void planned() {
        long id = as(
                        FACILITATOR,
                        Role.CHAOS_ENGINEER,
                        () -> days.plan(new GameDayPlan(
                                "Checkout under latency",
                                "A dependency of checkout gets slow during the evening peak. Find it before the"
                                        + " customers leave.",
                                GameDayMode.BLIND,
                                clock.instant().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS),
                                90,
                                "demo shop",
                                shop("shop-storefront", "shop-checkout", "shop-payments"),
                                "The storefront's health turns red within a minute; on-call is paged.",
                                "Detect within 5 minutes; a correct diagnosis without a hint.")))
                .id();
        setUp(id);
        as(
                FACILITATOR,
                Role.CHAOS_ENGINEER,
                () -> injects.add(
                        id,
                        "The storefront feels slow",
                        InjectKind.TABLETOP,
                        null,
                        "A colleague says the shop takes ages to load the basket.",
                        0));
        Long latency = Actor.runAsSystem(
                "demo data: game days",
                () -> experiments.list(null).stream()
                        .filter(e -> e.title().equals("Checkout latency"))
                        .map(ExperimentView::id)
                        .findFirst()
                        .orElse(null));
        if (latency != null) {
            as(
                    FACILITATOR,
                    Role.CHAOS_ENGINEER,
                    () -> injects.add(id, "Checkout latency", InjectKind.EXPERIMENT, latency, null, 5));
        }
    }

    /** Teams red and blue, two heroes each, a villain, an observer, the checklist partly ticked. */
    private List<TeamView> setUp(long id) {
        return as(FACILITATOR, Role.CHAOS_ENGINEER, () -> {
            TeamView red = days.addTeam(id, "red");
            TeamView blue = days.addTeam(id, "blue");
            days.assign(id, "amelie.laurent", GameDayRole.HERO, red.id());
            days.assign(id, "jonas.berg", GameDayRole.HERO, red.id());
            days.assign(id, "marcus.reed", GameDayRole.HERO, blue.id());
            days.assign(id, "sofia.alvarez", GameDayRole.HERO, blue.id());
            days.assign(id, "priya.sharma", GameDayRole.VILLAIN, null);
            days.assign(id, "grace.kim", GameDayRole.OBSERVER, null);
            days.tick(id, Readiness.OBSERVABILITY);
            days.tick(id, Readiness.KILL_SWITCH);
            days.tick(id, Readiness.INVITED);
            return List.of(red, blue);
        });
    }

    private ResponseView hero(String user, long id, ResponseKind kind, String text) {
        return as(user, Role.RESPONDER, () -> play.respond(id, kind, null, text, null));
    }
}
