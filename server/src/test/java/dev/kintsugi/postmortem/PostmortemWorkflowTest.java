package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.incident.ClosureReason;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.NewNote;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Resolving an incident drafts its post-mortem; the workflow refuses illegal moves; closing waits for publication. */
class PostmortemWorkflowTest extends IntegrationTest {
    @Autowired
    IncidentManagement incidents;

    @Autowired
    PostmortemManagement postmortems;

    @Autowired
    PostmortemDrafts drafts;

    @Autowired
    PostmortemEditing editing;

    @Autowired
    PostmortemPublication publication;

    @Autowired
    PostmortemTimeline timeline;

    private <T> T as(String user, Role role, java.util.function.Supplier<T> work) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        user, null, List.of(new SimpleGrantedAuthority(role.authority()))));
        try {
            return tx.execute(s -> work.get());
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void resolvingDraftsAPrefilledPostmortemAndClosingWaitsForItsPublication() {
        String commander = unique("ic");
        createUser(commander, Role.RESPONDER, "password-" + commander);
        String key = as(commander, Role.RESPONDER, () -> {
            String k = incidents
                    .declare(new DeclareIncident(
                            "Payments time out",
                            "Gateway **slow**",
                            Severity.SEV2,
                            List.of(),
                            null,
                            null,
                            false,
                            commander,
                            null))
                    .key();
            var note = incidents.addNote(
                    k, new NewNote(TimelineEntryKind.NOTE, "Failover to the second PSP", null, "payments", null));
            incidents.pin(k, note.id(), true);
            incidents.transition(k, Transition.to(IncidentStatus.RESOLVED));
            return k;
        });
        long incidentId = as(commander, Role.RESPONDER, () -> incidents.get(key).id());

        Postmortem draft = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> as(commander, Role.RESPONDER, () -> postmortems.findForIncident(incidentId))
                                .orElse(null),
                        p -> p != null);
        assertThat(draft.status()).isEqualTo(PostmortemStatus.DRAFT);
        assertThat(draft.content().title()).isEqualTo("Post-mortem: Payments time out");
        assertThat(draft.content().facilitator()).isEqualTo(commander);
        assertThat(draft.content().severity()).isEqualTo("SEV2");
        assertThat(draft.durations().toResolve()).isNotNull();
        var entries = as(commander, Role.RESPONDER, () -> timeline.timeline(draft.id()));
        assertThat(entries)
                .extracting(TimelineItem::body)
                .contains("Failover to the second PSP")
                .anyMatch(b -> b.startsWith("Declared"));

        // Closing the SEV2 incident is refused while the post-mortem is unpublished, with a link to it.
        assertThatThrownBy(() -> as(
                        commander,
                        Role.RESPONDER,
                        () -> incidents.transition(
                                key, new Transition(IncidentStatus.CLOSED, null, ClosureReason.RESOLVED, null))))
                .isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(((ConflictException) e).properties())
                        .containsEntry("link", "/postmortems/" + draft.id()));

        // Workflow: publishing a draft directly is illegal.
        assertThatThrownBy(() -> as(commander, Role.RESPONDER, () -> publication.publish(draft.id())))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("DRAFT");
        // an empty post-mortem does not publish: the closure rule would mean nothing
        as(commander, Role.RESPONDER, () -> publication.submitForReview(draft.id(), null));
        assertThatThrownBy(() -> as(commander, Role.RESPONDER, () -> publication.publish(draft.id())))
                .isInstanceOfSatisfying(
                        NotPublishable.class,
                        e -> assertThat(e.missing())
                                .extracting(NotPublishable.Missing::field)
                                .contains("customerImpact", "factors", "noCountermeasureReason"));
        assertThatThrownBy(() -> as(
                        commander,
                        Role.RESPONDER,
                        () -> incidents.transition(
                                key, new Transition(IncidentStatus.CLOSED, null, ClosureReason.RESOLVED, null))))
                .isInstanceOf(ConflictException.class);
        as(commander, Role.RESPONDER, () -> publication.sendBackToDraft(draft.id()));
        as(commander, Role.RESPONDER, () -> {
            PostmortemContent c = postmortems.get(draft.id()).content();
            return editing.update(
                    draft.id(),
                    null,
                    new PostmortemContent(
                            c.title(),
                            c.severity(),
                            c.scheduled(),
                            c.facilitator(),
                            c.owner(),
                            "The gateway slowed under a retry storm; failover restored payments.",
                            "Card payments timed out for 12 minutes",
                            null,
                            null,
                            null,
                            null,
                            c.participants(),
                            c.tags(),
                            c.services(),
                            List.of(new PostmortemContent.Factor(FactorCategory.TECHNICAL, "Retries had no backoff")),
                            List.of(),
                            List.of()));
        });
        as(commander, Role.RESPONDER, () -> publication.submitForReview(draft.id(), null));
        // the facilitator cannot publish before a reviewer approved
        assertThatThrownBy(() -> as(
                        commander,
                        Role.RESPONDER,
                        () -> publication.publish(draft.id(), null, "The failover is the countermeasure; it worked")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("approval");
        as("admin", Role.ADMIN, () -> publication.approve(draft.id(), null, "Clear and blameless"));
        Postmortem published = as(
                commander,
                Role.RESPONDER,
                () -> publication.publish(draft.id(), null, "The failover is the countermeasure; it worked"));
        assertThat(published.status()).isEqualTo(PostmortemStatus.PUBLISHED);
        assertThat(published.publishedRevision()).isEqualTo(published.revision());

        var closed = as(
                commander,
                Role.RESPONDER,
                () -> incidents.transition(
                        key, new Transition(IncidentStatus.CLOSED, null, ClosureReason.RESOLVED, null)));
        assertThat(closed.status()).isEqualTo(IncidentStatus.CLOSED);
        assertThat(draft.content().participants()).contains(commander);
        assertThat(tx.execute(s -> incidents.get(incidentId)).role(IncidentRole.COMMANDER))
                .isEqualTo(commander);
    }

    @Test
    void everySaveIsARevisionWithAFieldByFieldDiff() {
        String author = unique("author");
        createUser(author, Role.RESPONDER, "password-" + author);
        Postmortem pm = as(
                author,
                Role.RESPONDER,
                () -> drafts.start(Origin.NEAR_MISS, "Almost dropped the orders table", "SEV3", false));
        var c = pm.content();
        var edited = new PostmortemContent(
                c.title(),
                c.severity(),
                c.scheduled(),
                c.facilitator(),
                c.owner(),
                "A migration ran against production.\nNobody was hurt.",
                null,
                "The backup was fresh.",
                null,
                null,
                null,
                c.participants(),
                List.of("database", "migrations"),
                List.of(),
                List.of(new PostmortemContent.Factor(
                        FactorCategory.TOOLING, "The migration tool picks the environment from a shell variable")),
                List.of(),
                List.of());
        Postmortem v2 = as(author, Role.RESPONDER, () -> editing.update(pm.id(), pm.revision(), edited));
        assertThat(v2.revision()).isEqualTo(pm.revision() + 1);
        // A stale editor is refused rather than overwriting.
        assertThatThrownBy(() -> as(author, Role.RESPONDER, () -> editing.update(pm.id(), pm.revision(), edited)))
                .isInstanceOf(ConflictException.class);

        var diff = as(author, Role.RESPONDER, () -> editing.diff(pm.id(), pm.revision(), v2.revision()));
        assertThat(diff)
                .extracting(FieldDiff::field)
                .containsExactlyInAnyOrder("summary", "wentWell", "tags", "factors");
        FieldDiff summary = diff.stream()
                .filter(d -> d.field().equals("summary"))
                .findFirst()
                .orElseThrow();
        assertThat(summary.lines()).extracting(FieldDiff.Line::change).containsOnly(FieldDiff.Change.ADDED);
        assertThat(as(author, Role.RESPONDER, () -> editing.revisions(pm.id()))).hasSize(2);
    }
}
