package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.Role;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Every state change of a post-mortem and of a countermeasure publishes a past-tense event carrying the ids
 * that listeners (search, insights) need without a look-up: post-mortem, incident, services and their teams.
 */
@RecordApplicationEvents
class PostmortemEventsTest extends PostmortemFixtures {
    @Autowired
    ApplicationEvents events;

    @Autowired
    ReviewMeetings meetings;

    @Autowired
    PostmortemComments comments;

    @Autowired
    PostmortemImages images;

    @Test
    void aPostmortemsWholeLifeIsToldByItsEvents() throws Exception {
        String author = responder();
        String owners = team(author);
        String svc = service(owners);
        long serviceId = as(author, Role.RESPONDER, () -> catalog.service(svc).id());
        long teamId = as(author, Role.RESPONDER, () -> catalog.team(owners).id());
        Postmortem pm = draft(author, Severity.SEV2, false, List.of(svc));

        PostmortemDrafted drafted = only(PostmortemDrafted.class);
        assertThat(drafted.refs().postmortemId()).isEqualTo(pm.id());
        assertThat(drafted.refs().incidentId()).isEqualTo(pm.incidentId());
        assertThat(drafted.refs().serviceIds()).containsExactly(serviceId);
        assertThat(drafted.refs().teamIds()).containsExactly(teamId);
        assertThat(drafted.content().services()).containsExactly(svc);
        assertThat(drafted.origin()).isEqualTo(Origin.INCIDENT);

        Postmortem published = publish(author, pm, "The pool ran dry under a retry storm", List.of("pool"));
        PostmortemRevised revised = only(PostmortemRevised.class);
        assertThat(revised.revision()).isEqualTo(2);
        assertThat(revised.changedFields()).contains("summary", "tags", "factors");
        assertThat(revised.content().summary()).isEqualTo("The pool ran dry under a retry storm");
        assertThat(revised.refs().teamIds()).containsExactly(teamId);
        assertThat(only(PostmortemSubmittedForReview.class).overrideReason()).isNull();
        PostmortemPublished pub = only(PostmortemPublished.class);
        assertThat(pub.revision()).isEqualTo(published.revision());
        assertThat(pub.content().tags()).containsExactly("pool");
        assertThat(pub.refs().serviceIds()).containsExactly(serviceId);
        assertThat(pub.by()).isEqualTo(author);

        // The timeline, comments and the review meeting.
        Instant at = Instant.parse("2026-01-10T10:00:00Z");
        TimelineItem entry = as(
                author,
                Role.RESPONDER,
                () -> timeline.addEntry(pm.id(), at, null, "on-call", EntrySource.MANUAL, "Paged"));
        as(author, Role.RESPONDER, () -> timeline.editEntry(pm.id(), entry.id(), null, at, null, null, "Paged twice"));
        as(author, Role.RESPONDER, () -> {
            timeline.deleteEntry(pm.id(), entry.id(), null);
            return null;
        });
        assertThat(events.stream(PostmortemTimelineChanged.class))
                .extracting(PostmortemTimelineChanged::change)
                .containsExactly(
                        PostmortemTimelineChanged.Change.IMPORTED,
                        PostmortemTimelineChanged.Change.ADDED,
                        PostmortemTimelineChanged.Change.EDITED,
                        PostmortemTimelineChanged.Change.REMOVED);
        assertThat(events.stream(PostmortemTimelineChanged.class)
                        .skip(1)
                        .map(e -> e.entries().get(0).body())
                        .toList())
                .containsExactly("Paged", "Paged twice", "Paged twice");
        assertThat(events.stream(PostmortemTimelineChanged.class)
                        .findFirst()
                        .orElseThrow()
                        .entries())
                .extracting(TimelineItem::source)
                .containsOnly(EntrySource.INCIDENT);
        assertThat(events.stream(PostmortemTimelineChanged.class)
                        .allMatch(e -> e.refs().postmortemId() == pm.id()
                                && e.refs().teamIds().equals(List.of(teamId))))
                .isTrue();

        Comment c = as(author, Role.RESPONDER, () -> comments.comment(pm.id(), "summary", "Which pool?"));
        assertThat(only(PostmortemCommented.class).comment()).isEqualTo(c);

        as(
                author,
                Role.RESPONDER,
                () -> meetings.plan(pm.id(), at.plusSeconds(86_400), 45, "Room 1", List.of(author), null));
        var png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(
                new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
        Image image =
                as(author, Role.RESPONDER, () -> images.addImage(pm.id(), "graph.png", png.toByteArray(), 1 << 20));
        PostmortemImageAdded added = only(PostmortemImageAdded.class);
        assertThat(added.imageId()).isEqualTo(image.id());
        assertThat(added.contentType()).isEqualTo("image/png");
        assertThat(added.refs().serviceIds()).containsExactly(serviceId);

        PostmortemReviewMeetingPlanned planned = only(PostmortemReviewMeetingPlanned.class);
        assertThat(planned.meeting().durationMinutes()).isEqualTo(45);
        assertThat(planned.refs().incidentId()).isEqualTo(pm.incidentId());
    }

    @Test
    void sendingBackToDraftAndOverridingFindingsAreEvents() {
        String author = responder();
        Postmortem pm = as(author, Role.RESPONDER, () -> drafts.start(Origin.NEAR_MISS, "Almost", "SEV4", false));
        as(author, Role.RESPONDER, () -> publication.submitForReview(pm.id(), null));
        as(author, Role.RESPONDER, () -> publication.sendBackToDraft(pm.id()));
        PostmortemSentBackToDraft back = only(PostmortemSentBackToDraft.class);
        assertThat(back.refs().incidentId()).isNull();
        assertThat(back.refs().serviceIds()).isEmpty();
        assertThat(back.by()).isEqualTo(author);
    }

    @Test
    void everyCountermeasureChangeIsAnEventWithItsOwningTeam() {
        String author = responder();
        String owners = team(author);
        long teamId = as(author, Role.RESPONDER, () -> catalog.team(owners).id());
        Postmortem pm = draft(author);
        CountermeasureView c = as(
                author,
                Role.RESPONDER,
                () -> countermeasures.create(
                        pm.id(),
                        new CountermeasureDraft(
                                "Alert on pool saturation",
                                null,
                                CountermeasureKind.TELEMETRY_OR_ALERT,
                                author,
                                owners,
                                LocalDate.of(2030, 1, 31),
                                CountermeasurePriority.P2,
                                null,
                                null,
                                null)));
        CountermeasureCreated created = only(CountermeasureCreated.class);
        assertThat(created.countermeasureId()).isEqualTo(c.id());
        assertThat(created.refs().postmortemId()).isEqualTo(pm.id());
        assertThat(created.refs().incidentId()).isEqualTo(pm.incidentId());
        assertThat(created.refs().teamIds()).contains(teamId);
        assertThat(created.details().ownerTeam()).isEqualTo(owners);

        as(
                author,
                Role.RESPONDER,
                () -> countermeasures.change(
                        c.id(),
                        null,
                        new CountermeasureChange(
                                null,
                                null,
                                null,
                                null,
                                null,
                                LocalDate.of(2030, 2, 28),
                                CountermeasurePriority.P1,
                                null,
                                null,
                                null,
                                CountermeasureStatus.IN_PROGRESS,
                                null)));
        CountermeasureUpdated updated = only(CountermeasureUpdated.class);
        assertThat(updated.changedFields()).containsExactly("dueDate", "priority");
        assertThat(updated.details().dueDate()).isEqualTo(LocalDate.of(2030, 2, 28));
        CountermeasureStatusChanged moved = only(CountermeasureStatusChanged.class);
        assertThat(moved.from()).isEqualTo(CountermeasureStatus.OPEN);
        assertThat(moved.to()).isEqualTo(CountermeasureStatus.IN_PROGRESS);
        assertThat(moved.refs().teamIds()).contains(teamId);

        Instant at = Instant.parse("2026-02-01T00:00:00Z");
        tx.execute(s -> countermeasures.markVerified(c.id(), at));
        assertThat(only(CountermeasureVerified.class).verifiedAt()).isEqualTo(at);
    }

    private <T> T only(Class<T> type) {
        List<T> found = events.stream(type).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }
}
