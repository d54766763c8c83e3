package dev.kintsugi.postmortem;

import static org.awaitility.Awaitility.await;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;

/** Post-mortems made the way people make them: declare, resolve, write, review, publish. */
abstract class PostmortemFixtures extends IntegrationTest {
    @Autowired
    protected IncidentManagement incidents;

    @Autowired
    protected PostmortemManagement postmortems;

    @Autowired
    protected CatalogManagement catalog;

    @Autowired
    protected Countermeasures countermeasures;

    @Autowired
    protected PostmortemDrafts drafts;

    @Autowired
    protected PostmortemEditing editing;

    @Autowired
    protected PostmortemPublication publication;

    @Autowired
    protected PostmortemTimeline timeline;

    protected <T> T as(String user, Role role, Supplier<T> work) {
        return Actor.runAs(user, role, () -> tx.execute(s -> work.get()));
    }

    protected String responder() {
        String u = unique("resp");
        return createUser(u, Role.RESPONDER, "password-" + u);
    }

    protected String team(String... members) {
        String name = unique("team");
        as(
                "admin",
                Role.ADMIN,
                () -> catalog.createTeam(new TeamDraft(name, "Team " + name, null, null, List.of(members))));
        return name;
    }

    protected String service(String team) {
        String name = unique("svc");
        as(
                "admin",
                Role.ADMIN,
                () -> catalog.createService(
                        new ServiceDraft(name, "Service " + name, null, Tier.TIER_2, team, null, null, null)));
        return name;
    }

    /** A resolved incident's draft post-mortem, written by {@code author} (its commander). */
    protected Postmortem draft(String author, Severity severity, boolean privateIncident, List<String> services) {
        String key = as(author, Role.RESPONDER, () -> {
            String k = incidents
                    .declare(new DeclareIncident(
                            unique("Checkout fails"),
                            "Card payments fail",
                            severity,
                            services,
                            null,
                            null,
                            privateIncident,
                            author,
                            null))
                    .key();
            incidents.transition(k, Transition.to(IncidentStatus.RESOLVED));
            return k;
        });
        long incidentId = as(author, Role.RESPONDER, () -> incidents.get(key).id());
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> as(author, Role.RESPONDER, () -> postmortems.findForIncident(incidentId))
                                .orElse(null),
                        p -> p != null);
    }

    protected Postmortem draft(String author) {
        return draft(author, Severity.SEV3, false, List.of());
    }

    /** Writes a summary, tags, then reviews and publishes. */
    protected Postmortem publish(String author, Postmortem draft, String summary, List<String> tags) {
        as(author, Role.RESPONDER, () -> {
            PostmortemContent c = draft.content();
            editing.update(
                    draft.id(),
                    null,
                    new PostmortemContent(
                            c.title(),
                            c.severity(),
                            c.scheduled(),
                            c.facilitator(),
                            c.owner(),
                            summary,
                            "Customers could not pay for 20 minutes",
                            "The failover worked",
                            "Logs were noisy",
                            "It was a quiet day",
                            "An alert on the error rate",
                            c.participants(),
                            tags,
                            c.services(),
                            List.of(new PostmortemContent.Factor(
                                    FactorCategory.TECHNICAL, "The pool size was too small for the burst")),
                            List.of(new PostmortemContent.Decision(
                                    "Fail over to the second PSP", "Its dashboards were green", null)),
                            List.of()));
            publication.submitForReview(draft.id(), null);
            return null;
        });
        approve(draft.id());
        return as(
                author,
                Role.RESPONDER,
                () -> publication.publish(draft.id(), null, "The failover already covers this; nothing to change"));
    }

    /** A reviewer (not the facilitator) approves the current revision. */
    protected void approve(long id) {
        as("admin", Role.ADMIN, () -> publication.approve(id, null, "Reads blameless and complete"));
    }

    protected Postmortem published(String author, String summary) {
        return publish(author, draft(author), summary, List.of());
    }
}
