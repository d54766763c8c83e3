package dev.kintsugi.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.chaos.ChaosTargets;
import dev.kintsugi.chaos.TargetDraft;
import dev.kintsugi.chaos.TargetKind;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.AuditQuery;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Injects beyond firing by hand: scheduled ones fire by themselves through db-scheduler at start + offset (the
 * timer's time checked, then that time brought to now) and are cancelled by the end; in blind mode a tabletop
 * fired on schedule is the heroes' clue, the rest stays hidden; injects are changed and removed before they fire
 * (API, If-Match, roles, audited) and refused once fired; a single fault of the chaos catalogue, named directly,
 * goes onto a real embedded proxy and is gone when the game day ends.
 */
class GameDayInjectsTest extends IntegrationTest {
    @Autowired
    GameDays days;

    @Autowired
    GameDayPlay play;

    @Autowired
    GameDayInjects injects;

    @Autowired
    GameDayInjectTimers timers;

    @Autowired
    SchedulerClient scheduler;

    @Autowired
    CatalogManagement catalog;

    @Autowired
    ChaosTargets targets;

    @Autowired
    ChaosRuns runs;

    @Autowired
    AuditLog audit;

    private static <T> T as(String user, Role role, Supplier<T> work) {
        return Actor.runAs(user, role, work);
    }

    private static InjectView find(List<InjectView> all, long id) {
        return all.stream().filter(i -> i.id() == id).findFirst().orElse(null);
    }

    private static Instant executionTime(SchedulerClient scheduler, long injectId) {
        return scheduler
                .getScheduledExecution(
                        TaskInstanceId.of(GameDayInjectTimers.TASK, GameDayInjectTimers.instanceId(injectId)))
                .map(e -> e.getExecutionTime())
                .orElse(null);
    }

    private long planned(String fac, GameDayMode mode, String service) {
        return as(
                        fac,
                        Role.CHAOS_ENGINEER,
                        () -> days.plan(new GameDayPlan(
                                unique("Injects"),
                                "the story",
                                mode,
                                Instant.parse("2026-03-10T09:00:00Z"),
                                120,
                                "staging",
                                service == null ? List.of() : List.of(service),
                                "the hypotheses",
                                null)))
                .id();
    }

    @Test
    void scheduledInjectsFireByThemselvesAndTheEndCancelsTheRest() throws Exception {
        String fac = createUser(unique("fac"), Role.CHAOS_ENGINEER, "password-fac-123");
        String hero = createUser(unique("hero"), Role.RESPONDER, "password-hero-123");
        long id = planned(fac, GameDayMode.BLIND, null);
        as(fac, Role.CHAOS_ENGINEER, () -> {
            long team = days.addTeam(id, "red").id();
            return days.assign(id, hero, GameDayRole.HERO, team);
        });
        long now = as(
                        fac,
                        Role.CHAOS_ENGINEER,
                        () -> injects.add(id, InjectDraft.tabletop("Support calls", "three customers cannot pay", 0)))
                .id();
        long later = as(
                        fac,
                        Role.CHAOS_ENGINEER,
                        () -> injects.add(id, InjectDraft.tabletop("The CEO asks", "is it the database?", 30)))
                .id();
        long byHand = as(
                        fac,
                        Role.CHAOS_ENGINEER,
                        () -> injects.add(id, InjectDraft.tabletop("Spare clue", "look at the pool", null)))
                .id();
        assertThat(as(hero, Role.RESPONDER, () -> injects.list(id)))
                .as("blind: nothing fired, nothing shown to a hero")
                .isEmpty();
        assertThat(timers.scheduled(now)).as("no timer before the start").isFalse();

        Instant before = Instant.now();
        as(fac, Role.CHAOS_ENGINEER, () -> play.start(id, null));
        Instant after = Instant.now();

        // offset 0: due at the start, fired by its timer with nobody pressing Fire
        assertThat(GameDayFixture.poll(
                        Duration.ofSeconds(90),
                        () -> find(as(fac, Role.CHAOS_ENGINEER, () -> injects.list(id)), now)
                                        .status()
                                == InjectStatus.FIRED))
                .as("the inject due at the start fires by itself")
                .isTrue();
        List<InjectView> seen = as(hero, Role.RESPONDER, () -> injects.list(id));
        assertThat(seen).extracting(InjectView::id).containsExactly(now);
        assertThat(seen.get(0).body())
                .as("a fired tabletop is the heroes' clue")
                .isEqualTo("three customers cannot pay");
        assertThat(as(hero, Role.RESPONDER, () -> days.get(id)).story())
                .as("the scenario stays hidden until the reveal")
                .isNull();

        // offset 30: its timer is set 30 minutes after the start, and fires when that time comes
        Instant at = executionTime(scheduler, later);
        assertThat(at).as("the timer of the inject due in 30 minutes").isNotNull();
        assertThat(at).isBetween(before.plus(Duration.ofMinutes(30)), after.plus(Duration.ofMinutes(30)));
        assertThat(timers.scheduled(byHand)).as("a manual inject has no timer").isFalse();
        assertThat(find(as(fac, Role.CHAOS_ENGINEER, () -> injects.list(id)), later)
                        .status())
                .isEqualTo(InjectStatus.PENDING);
        scheduler.reschedule(
                TaskInstanceId.of(GameDayInjectTimers.TASK, GameDayInjectTimers.instanceId(later)), Instant.now());
        assertThat(GameDayFixture.poll(
                        Duration.ofSeconds(90),
                        () -> find(as(fac, Role.CHAOS_ENGINEER, () -> injects.list(id)), later)
                                        .status()
                                == InjectStatus.FIRED))
                .as("the 30-minute inject fires by itself when its time comes")
                .isTrue();
        assertThat(as(hero, Role.RESPONDER, () -> injects.list(id)))
                .extracting(InjectView::id)
                .containsExactlyInAnyOrder(now, later);

        // added while running: its timer is set at once; the end stops it and removes its timer
        long running = as(
                        fac,
                        Role.CHAOS_ENGINEER,
                        () -> injects.add(id, InjectDraft.tabletop("Pager storm", "forty pages at once", 45)))
                .id();
        assertThat(timers.scheduled(running)).isTrue();
        as(fac, Role.CHAOS_ENGINEER, () -> play.end(id, null));
        assertThat(timers.scheduled(running)).as("the end cancels the timer").isFalse();
        List<InjectView> ended = as(fac, Role.CHAOS_ENGINEER, () -> injects.list(id));
        assertThat(find(ended, running).status()).isEqualTo(InjectStatus.STOPPED);
        assertThat(find(ended, byHand).status()).isEqualTo(InjectStatus.STOPPED);
        Actor.runAsSystem("test: a late timer", () -> {
            injects.fireScheduled(running);
            return null;
        });
        assertThat(find(as(fac, Role.CHAOS_ENGINEER, () -> injects.list(id)), running)
                        .status())
                .as("a timer that runs after the end fires nothing")
                .isEqualTo(InjectStatus.STOPPED);
    }

    record Crew(long id, ApiClient facilitator, ApiClient villain, ApiClient hero, String villainName) {}

    private Crew crew(String service) {
        String fac = createUser(unique("fac"), Role.CHAOS_ENGINEER, "password-fac-123");
        String vil = createUser(unique("vil"), Role.CHAOS_ENGINEER, "password-vil-123");
        String hero = createUser(unique("hero"), Role.RESPONDER, "password-hero-123");
        long id = planned(fac, GameDayMode.INFORMED, service);
        as(fac, Role.CHAOS_ENGINEER, () -> {
            long team = days.addTeam(id, "blue").id();
            days.assign(id, vil, GameDayRole.VILLAIN, null);
            return days.assign(id, hero, GameDayRole.HERO, team);
        });
        return new Crew(id, apiAs(fac), apiAs(vil), apiAs(hero), vil);
    }

    private static String etag(ApiClient api, String base) {
        return "\"" + api.get(base).json().path("version").asLong() + "\"";
    }

    @Test
    void injectsAreChangedAndRemovedUntilTheyFire() {
        Crew c = crew(null);
        String base = "/api/v1/gamedays/" + c.id();
        ApiClient.Response added = c.villain()
                .post(base + "/injects", Map.of("title", "Slow disk", "kind", "TABLETOP", "body", "iowait 90%"));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        long first = added.json().path("id").asLong();
        long second = c.villain()
                .post(base + "/injects", Map.of("title", "Noise", "kind", "TABLETOP", "body", "a red herring"))
                .json()
                .path("id")
                .asLong();

        Map<String, Object> change = Map.of("title", "Full disk", "kind", "TABLETOP", "body", "df says 100%");
        ApiClient.Response stale = c.villain().withHeader("If-Match", "\"0\"").put(base + "/injects/" + first, change);
        assertThat(stale.status()).as("a stale If-Match").isEqualTo(412);
        assertThat(c.hero().put(base + "/injects/" + first, change).status())
                .as("heroes change no inject")
                .isEqualTo(403);
        ApiClient.Response blank =
                c.villain().put(base + "/injects/" + first, Map.of("title", " ", "kind", "TABLETOP", "body", "x"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.contentType()).startsWith("application/problem+json");
        assertThat(blank.body()).contains("title");
        ApiClient.Response changed =
                c.villain().withHeader("If-Match", etag(c.villain(), base)).put(base + "/injects/" + first, change);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().path("title").asString()).isEqualTo("Full disk");
        assertThat(changed.json().path("body").asString()).isEqualTo("df says 100%");

        ApiClient.Response removed = c.facilitator()
                .withHeader("If-Match", etag(c.facilitator(), base))
                .delete(base + "/injects/" + second);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        JsonNode left = c.villain().get(base + "/injects").json();
        assertThat(left.valueStream().map(i -> i.path("id").asLong()).toList()).containsExactly(first);
        assertThat(c.villain().delete(base + "/injects/" + second).status()).isEqualTo(404);

        assertThat(c.facilitator().post(base + "/start", null).status()).isEqualTo(200);
        assertThat(c.villain().post(base + "/injects/" + first + "/fire", null).status())
                .isEqualTo(200);
        ApiClient.Response late = c.villain().put(base + "/injects/" + first, change);
        assertThat(late.status()).as("a fired inject is not changed").isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(c.villain().delete(base + "/injects/" + first).status())
                .as("nor removed")
                .isEqualTo(409);

        List<String> actions = tx
                .execute(s -> audit.search(
                                new AuditQuery(null, "gameday.inject", "gameday", Long.toString(c.id()), null, null),
                                0,
                                50)
                        .items())
                .stream()
                .map(e -> e.summary())
                .toList();
        assertThat(actions).anyMatch(a -> a.startsWith("Changed inject Full disk"));
        assertThat(actions).anyMatch(a -> a.startsWith("Removed inject Noise"));
    }

    @Test
    void thePageChangesAndRemovesAPendingInject() {
        Crew c = crew(null);
        String base = "/api/v1/gamedays/" + c.id();
        long inject = c.villain()
                .post(base + "/injects", Map.of("title", "Slow DNS", "kind", "TABLETOP", "body", "lookups take 5 s"))
                .json()
                .path("id")
                .asLong();
        WebSession web = WebSession.loggedIn(baseUrl(), c.villainName(), "password-vil-123");
        String page = "/gamedays/" + c.id();
        WebSession.Page shown = web.get(page);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body())
                .contains("edit-inject")
                .contains("remove-inject")
                .contains("Slow DNS");

        Map<String, String> change =
                Map.of("title", "Slower DNS", "kind", "TABLETOP", "body", "lookups time out", "offsetMinutes", "15");
        Map<String, String> stale = new java.util.HashMap<>(change);
        stale.put("version", "0");
        assertThat(web.post(page + "/injects/" + inject, stale).location()).endsWith(page);
        assertThat(web.get(page).body())
                .as("a page read before a change is refused, in words")
                .contains("The game day changed since you opened the page");
        Map<String, String> fresh = new java.util.HashMap<>(change);
        fresh.put(
                "version",
                Long.toString(c.villain().get(base).json().path("version").asLong()));
        web.get(page);
        assertThat(web.post(page + "/injects/" + inject, fresh).location()).endsWith(page);
        JsonNode changed = c.villain().get(base + "/injects").json().get(0);
        assertThat(changed.path("title").asString()).isEqualTo("Slower DNS");
        assertThat(changed.path("offsetMinutes").asInt()).isEqualTo(15);

        web.get(page);
        assertThat(web.post(page + "/injects/" + inject + "/remove", Map.of()).location())
                .endsWith(page);
        assertThat(c.villain().get(base + "/injects").json().size()).isZero();
        assertThat(web.get(page).body()).doesNotContain("Slower DNS");
    }

    @Test
    void aSingleFaultInjectGoesOntoTheProxyAndTheEndTakesItAway() throws Exception {
        String service = unique("shop-fault");
        tx.executeWithoutResult(s -> GameDayFixture.service(catalog, service));
        try (GameDayFixture shop = new GameDayFixture()) {
            long proxyTarget = as("admin", Role.ADMIN, () -> {
                        targets.addTarget(
                                service,
                                new TargetDraft(
                                        TargetKind.HTTP,
                                        "shop",
                                        "http://127.0.0.1:"
                                                + shop.shop.getAddress().getPort(),
                                        null,
                                        null,
                                        null));
                        return targets.addTarget(
                                service,
                                new TargetDraft(
                                        TargetKind.PROXY, "proxy", shop.api, List.of(shop.proxyName), null, null));
                    })
                    .id();
            Crew c = crew(service);
            String base = "/api/v1/gamedays/" + c.id();

            ApiClient.Response unknown = c.villain()
                    .post(
                            base + "/injects",
                            Map.of("title", "x", "kind", "FAULT", "fault", "meteor", "service", service));
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.body()).contains("fault");
            ApiClient.Response notOurs = c.villain()
                    .post(
                            base + "/injects",
                            Map.of("title", "x", "kind", "FAULT", "fault", "latency", "service", "shop-elsewhere"));
            assertThat(notOurs.status()).isEqualTo(400);
            assertThat(notOurs.body()).contains("service");
            ApiClient.Response tooSlow = c.villain()
                    .post(
                            base + "/injects",
                            Map.of(
                                    "title",
                                    "x",
                                    "kind",
                                    "FAULT",
                                    "fault",
                                    "latency",
                                    "service",
                                    service,
                                    "targetId",
                                    proxyTarget,
                                    "parameters",
                                    Map.of("latency", 10_000_000)));
            assertThat(tooSlow.status()).as("values within the fault's bounds").isEqualTo(400);
            assertThat(c.villain().get(base + "/injects").json().size())
                    .as("nothing half-written stays")
                    .isZero();

            ApiClient.Response added = c.villain()
                    .post(
                            base + "/injects",
                            Map.of(
                                    "title",
                                    "Payments crawl",
                                    "kind",
                                    "FAULT",
                                    "fault",
                                    "latency",
                                    "service",
                                    service,
                                    "targetId",
                                    proxyTarget,
                                    "parameters",
                                    Map.of("latency", 1500, "duration", 120)));
            assertThat(added.status()).as(added.body()).isEqualTo(201);
            assertThat(added.json().path("fault").asString()).isEqualTo("latency");
            assertThat(added.json().path("experimentId").isNumber())
                    .as("the fault is a one-fault experiment of the hub")
                    .isTrue();
            long inject = added.json().path("id").asLong();

            assertThat(c.facilitator().post(base + "/start", null).status()).isEqualTo(200);
            ApiClient.Response fired = c.villain().post(base + "/injects/" + inject + "/fire", null);
            assertThat(fired.status()).as(fired.body()).isEqualTo(200);
            long run = fired.json().path("runId").asLong();
            assertThat(GameDayFixture.poll(
                            Duration.ofSeconds(60),
                            () -> shop.toxics().stream()
                                    .anyMatch(t -> t.path("type").asString().equals("latency")
                                            && t.path("attributes")
                                                            .path("latency")
                                                            .asInt()
                                                    == 1500)))
                    .as("1500 ms of latency on the proxy")
                    .isTrue();

            ApiClient.Response ended = c.facilitator().post(base + "/end", null);
            assertThat(ended.status()).as(ended.body()).isEqualTo(200);
            assertThat(shop.toxics()).as("the end leaves no fault on the proxy").isEmpty();
            assertThat(GameDayFixture.poll(
                            Duration.ofSeconds(60),
                            () -> !as("admin", Role.ADMIN, () -> runs.get(run)).running()))
                    .as("the run is stopped (its rollbacks run)")
                    .isTrue();
            assertThat(as("admin", Role.ADMIN, () -> runs.faults(run)))
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(f.inPlace()).as(f.toString()).isFalse());
            assertThat(as("admin", Role.ADMIN, () -> runs.revertInPlace(run)))
                    .as("reverting what the run's rollback already reverted is no conflict (the end races the"
                            + " rollback)")
                    .isZero();
        }
    }
}
