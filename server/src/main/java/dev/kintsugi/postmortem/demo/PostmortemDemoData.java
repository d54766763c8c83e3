package dev.kintsugi.postmortem.demo;

import static dev.kintsugi.postmortem.demo.PostmortemDemoTexts.COUNTERMEASURES;
import static dev.kintsugi.postmortem.demo.PostmortemDemoTexts.DECISIONS;
import static dev.kintsugi.postmortem.demo.PostmortemDemoTexts.DETECTION;
import static dev.kintsugi.postmortem.demo.PostmortemDemoTexts.FACTORS;
import static dev.kintsugi.postmortem.demo.PostmortemDemoTexts.HARD;
import static dev.kintsugi.postmortem.demo.PostmortemDemoTexts.IMPACT;
import static dev.kintsugi.postmortem.demo.PostmortemDemoTexts.LUCKY;
import static dev.kintsugi.postmortem.demo.PostmortemDemoTexts.WENT_WELL;
import static dev.kintsugi.postmortem.demo.PostmortemDemoTexts.summaryOf;
import static dev.kintsugi.postmortem.demo.PostmortemDemoTexts.tagsOf;

import dev.kintsugi.incident.ClosureReason;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentQuery;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.IncidentSummary;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AdjustableClock;
import dev.kintsugi.platform.Role;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.PostmortemManagement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo post-mortems. The incident demo leaves the incidents whose closing needs a published post-mortem in
 * RESOLVED; this writes their post-mortems (the drafts appear by themselves when incidents resolve), publishes
 * them a few days later, and then closes the incidents — except the two most recent, left in draft and in
 * review so the workflow has something to show.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
@ConditionalOnProperty(name = "kintsugi.demo", havingValue = "true")
class PostmortemDemoData implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(PostmortemDemoData.class);

    private final IncidentManagement incidents;
    private final PostmortemManagement postmortems;
    private final AdjustableClock clock;
    private final TransactionTemplate tx;
    private final dev.kintsugi.postmortem.Countermeasures countermeasures;
    private final dev.kintsugi.postmortem.PostmortemDrafts drafts;
    private final dev.kintsugi.postmortem.PostmortemEditing editing;
    private final dev.kintsugi.postmortem.PostmortemPublication publication;

    PostmortemDemoData(
            IncidentManagement incidents,
            PostmortemManagement postmortems,
            AdjustableClock clock,
            TransactionTemplate tx,
            dev.kintsugi.postmortem.Countermeasures countermeasures,
            dev.kintsugi.postmortem.PostmortemDrafts drafts,
            dev.kintsugi.postmortem.PostmortemEditing editing,
            dev.kintsugi.postmortem.PostmortemPublication publication) {
        this.incidents = incidents;
        this.postmortems = postmortems;
        this.clock = clock;
        this.tx = tx;
        this.countermeasures = countermeasures;
        this.drafts = drafts;
        this.editing = editing;
        this.publication = publication;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actor.runAsSystem("demo data: post-mortems of the demo incidents", this::seed);
    }

    private void seed() {
        List<IncidentSummary> resolved = new ArrayList<>(incidents
                .search(new IncidentQuery(Set.of(IncidentStatus.RESOLVED), Set.of(), null, null, null, 0, 200))
                .items());
        if (resolved.isEmpty()) {
            return;
        }
        resolved.sort(Comparator.comparing(IncidentSummary::declaredAt));
        Random random = new Random(42);
        int written = 0;
        for (int i = 0; i < resolved.size(); i++) {
            IncidentSummary s = resolved.get(i);
            int left = resolved.size() - i;
            Stage stage = left == 1 ? Stage.DRAFT : left == 2 ? Stage.IN_REVIEW : Stage.PUBLISHED;
            if (write(s, stage, random)) {
                written++;
            }
        }
        log.info("Demo data: {} post-mortems for resolved incidents", written);
    }

    enum Stage {
        DRAFT,
        IN_REVIEW,
        PUBLISHED
    }

    private boolean write(IncidentSummary summary, Stage stage, Random random) {
        IncidentView incident = incidents.get(summary.key());
        Optional<Postmortem> draft = draftOf(incident.id());
        if (draft.isEmpty() || draft.get().status() != dev.kintsugi.postmortem.PostmortemStatus.DRAFT) {
            return false;
        }
        Postmortem pm = draft.get();
        String facilitator = pm.content().facilitator() != null ? pm.content().facilitator() : "admin";
        Instant resolvedAt = incident.milestone(Milestone.RESOLVED);
        Instant writtenAt = min(
                resolvedAt.plus(Duration.ofHours(20 + random.nextInt(30))),
                clock.instant().minusSeconds(600));
        Instant publishedAt = min(
                writtenAt.plus(Duration.ofHours(24 + random.nextInt(72))),
                clock.instant().minusSeconds(300));
        PostmortemContent c = pm.content();
        PostmortemContent content = new PostmortemContent(
                c.title(),
                c.severity(),
                false,
                facilitator,
                c.owner() != null ? c.owner() : facilitator,
                summaryOf(incident),
                IMPACT[random.nextInt(IMPACT.length)],
                WENT_WELL[random.nextInt(WENT_WELL.length)],
                HARD[random.nextInt(HARD.length)],
                LUCKY[random.nextInt(LUCKY.length)],
                DETECTION[random.nextInt(DETECTION.length)],
                c.participants(),
                tagsOf(incident),
                c.services(),
                List.of(FACTORS[random.nextInt(FACTORS.length)], FACTORS[random.nextInt(FACTORS.length)]).stream()
                        .distinct()
                        .toList(),
                List.of(DECISIONS[random.nextInt(DECISIONS.length)]),
                List.of(new PostmortemContent.Link(
                        dev.kintsugi.postmortem.LinkKind.CHAT,
                        "#inc-" + incident.number(),
                        "https://chat.example.com/archives/inc-" + incident.number())));
        Role role = Role.RESPONDER;
        tx.executeWithoutResult(t -> Actor.runAs(
                facilitator, role, () -> clock.callAt(writtenAt, () -> editing.update(pm.id(), null, content))));
        addCountermeasures(pm.id(), facilitator, writtenAt, random);
        if (stage == Stage.DRAFT) {
            return true;
        }
        tx.executeWithoutResult(t -> Actor.runAs(
                facilitator,
                role,
                () -> clock.callAt(writtenAt.plusSeconds(3600), () -> publication.submitForReview(pm.id(), null))));
        if (stage == Stage.IN_REVIEW) {
            return true;
        }
        // a colleague reviews it: publishing needs their approval
        String reviewer = "admin".equals(facilitator)
                ? content.participants().stream()
                        .filter(p -> !p.equals(facilitator))
                        .findFirst()
                        .orElse(null)
                : "admin";
        if (reviewer == null) {
            return true;
        }
        tx.executeWithoutResult(t -> Actor.runAs(
                reviewer,
                Role.ADMIN,
                () -> clock.callAt(
                        publishedAt.minusSeconds(600),
                        () -> publication.approve(pm.id(), null, "Reads blameless; the countermeasures fit"))));
        tx.executeWithoutResult(t -> Actor.runAs(
                facilitator,
                role,
                () -> clock.callAt(publishedAt, () -> {
                    publication.publish(pm.id());
                    return incidents.transition(
                            incident.key(), new Transition(IncidentStatus.CLOSED, null, ClosureReason.RESOLVED, null));
                })));
        return true;
    }

    /** One or two countermeasures per post-mortem; older ones mostly done, a few overdue, as in real life. */
    private void addCountermeasures(long postmortemId, String owner, Instant writtenAt, Random random) {
        int count = 1 + random.nextInt(2);
        for (int n = 0; n < count; n++) {
            int i = n;
            Object[] cm = COUNTERMEASURES[random.nextInt(COUNTERMEASURES.length)];
            java.time.LocalDate due =
                    writtenAt.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(14 + random.nextInt(45));
            boolean past = due.isBefore(java.time.LocalDate.now(clock));
            dev.kintsugi.postmortem.CountermeasureStatus status = past
                    ? (random.nextInt(10) < 8
                            ? dev.kintsugi.postmortem.CountermeasureStatus.DONE
                            : dev.kintsugi.postmortem.CountermeasureStatus.IN_PROGRESS)
                    : (random.nextBoolean()
                            ? dev.kintsugi.postmortem.CountermeasureStatus.OPEN
                            : dev.kintsugi.postmortem.CountermeasureStatus.IN_PROGRESS);
            tx.executeWithoutResult(t -> Actor.runAs(
                    owner,
                    Role.RESPONDER,
                    () -> clock.callAt(writtenAt.plusSeconds(60L * (i + 1)), () -> {
                        var created = countermeasures.create(
                                postmortemId,
                                new dev.kintsugi.postmortem.CountermeasureDraft(
                                        (String) cm[0],
                                        null,
                                        (dev.kintsugi.postmortem.CountermeasureKind) cm[1],
                                        owner,
                                        null,
                                        due,
                                        dev.kintsugi.postmortem.CountermeasurePriority.values()[random.nextInt(3)],
                                        "OPS-" + (1000 + random.nextInt(9000)),
                                        null,
                                        cm[1] == dev.kintsugi.postmortem.CountermeasureKind.REHEARSAL
                                                ? "failover-rehearsal"
                                                : null));
                        return status == dev.kintsugi.postmortem.CountermeasureStatus.OPEN
                                ? created
                                : countermeasures.changeStatus(created.id(), status, null);
                    })));
        }
    }

    /** The draft the post-mortem module made when the incident resolved (synchronously, after its commit). */
    private Optional<Postmortem> draftOf(long incidentId) {
        return postmortems
                .findForIncident(incidentId)
                .or(() -> tx.execute(t -> Optional.of(drafts.draftFor(incidentId))));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
