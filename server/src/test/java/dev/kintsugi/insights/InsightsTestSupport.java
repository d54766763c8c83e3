package dev.kintsugi.insights;

import static org.awaitility.Awaitility.await;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;

/** What the insights tests share: a team and services of their own, and incidents with chosen milestones. */
abstract class InsightsTestSupport extends IntegrationTest {
    static final Duration DEADLINE = Duration.ofSeconds(90);

    @Autowired
    protected CatalogManagement catalog;

    @Autowired
    protected IncidentManagement incidents;

    @Autowired
    protected Insights insights;

    protected String team() {
        String name = unique("team");
        Actor.runAs(
                "admin",
                Role.ADMIN,
                () -> tx.execute(s -> catalog.createTeam(new TeamDraft(name, "Team " + name, null, null, List.of()))));
        return name;
    }

    protected String service(String team) {
        String name = unique("svc");
        Actor.runAs(
                "admin",
                Role.ADMIN,
                () -> tx.execute(s -> catalog.createService(
                        new ServiceDraft(name, "Service " + name, null, Tier.TIER_2, team, null, null, null))));
        return name;
    }

    protected long teamId(String name) {
        return Actor.runAsSystem(
                "test", () -> catalog.findTeam(name).orElseThrow().id());
    }

    protected long serviceId(String name) {
        return Actor.runAsSystem(
                "test", () -> catalog.findService(name).orElseThrow().id());
    }

    /** The milestones of a test incident (null: missing). */
    record Times(
            Instant started,
            Instant detected,
            Instant declared,
            Instant acknowledged,
            Instant mitigated,
            Instant resolved) {}

    /**
     * Declares an incident as {@code by} with these milestones; resolves it (and sets the later milestones as given)
     * when {@code t.resolved()} is set.
     */
    protected String incident(
            String by, Severity severity, List<String> services, boolean privateIncident, Long gameDay, Times t) {
        return Actor.runAs(by, Role.RESPONDER, () -> {
            String key = incidents
                    .declare(new DeclareIncident(
                            unique("Insights test"),
                            "described",
                            severity,
                            services,
                            t.started(),
                            t.detected(),
                            privateIncident,
                            null,
                            t.declared(),
                            gameDay))
                    .key();
            if (t.resolved() != null) {
                incidents.transition(key, Transition.to(IncidentStatus.RESOLVED));
                incidents.editMilestone(key, Milestone.MITIGATED, t.mitigated());
                incidents.editMilestone(key, Milestone.ACKNOWLEDGED, t.acknowledged());
                incidents.editMilestone(key, Milestone.RESOLVED, t.resolved());
            } else {
                incidents.editMilestone(key, Milestone.ACKNOWLEDGED, t.acknowledged());
            }
            return key;
        });
    }

    static <T> T eventually(Supplier<T> read, Predicate<T> until) {
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(read::get, until);
    }

    protected Map<Metric, MetricStats> statsWhenCounted(InsightsFilter f, long incidents) {
        return eventually(
                () -> Actor.runAsSystem("test", () -> insights.stats(f)),
                s -> s.get(Metric.RESOLVE).measured() + s.get(Metric.RESOLVE).missing() == incidents);
    }
}
