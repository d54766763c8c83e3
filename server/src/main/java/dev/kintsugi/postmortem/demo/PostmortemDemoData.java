package dev.kintsugi.postmortem.demo;

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
import dev.kintsugi.postmortem.FactorCategory;
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

    private static final Object[][] COUNTERMEASURES = {
        {
            "Alert on the SLO burn rate instead of the raw error count",
            dev.kintsugi.postmortem.CountermeasureKind.TELEMETRY_OR_ALERT
        },
        {
            "Add a contract test for the payment gateway's timeout behaviour",
            dev.kintsugi.postmortem.CountermeasureKind.AUTOMATED_TEST
        },
        {
            "Require a second reviewer for changes to production configuration",
            dev.kintsugi.postmortem.CountermeasureKind.PEER_REVIEW_RULE
        },
        {"Rehearse the region failover every quarter", dev.kintsugi.postmortem.CountermeasureKind.REHEARSAL},
        {"Add a canary stage to the configuration pipeline", dev.kintsugi.postmortem.CountermeasureKind.DESIGN_CHANGE},
        {
            "Update the runbook with the cache warm-up steps",
            dev.kintsugi.postmortem.CountermeasureKind.RUNBOOK_OR_DOCUMENTATION
        },
        {
            "Make the deploy tool wait for readiness before reporting success",
            dev.kintsugi.postmortem.CountermeasureKind.DESIGN_CHANGE
        },
    };

    /** The draft the post-mortem module made when the incident resolved (synchronously, after its commit). */
    private Optional<Postmortem> draftOf(long incidentId) {
        return postmortems
                .findForIncident(incidentId)
                .or(() -> tx.execute(t -> Optional.of(drafts.draftFor(incidentId))));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String summaryOf(IncidentView incident) {
        String description =
                incident.description() == null ? "" : incident.description().strip();
        return "On " + incident.milestone(Milestone.DECLARED).toString().substring(0, 10) + ", " + incident.title()
                + " (" + incident.key() + ", " + incident.severity() + ").\n\n" + description;
    }

    private static List<String> tagsOf(IncidentView incident) {
        List<String> tags = new ArrayList<>();
        tags.add(incident.severity().name().toLowerCase());
        incident.services().stream().limit(2).forEach(s -> tags.add(s.name()));
        return tags;
    }

    private static final String[] IMPACT = {
        "Customers saw errors for part of the window; support received a handful of tickets.",
        "A share of requests were slow or failed; most customers retried successfully.",
        "No data was lost. Some customers could not complete their task until the mitigation landed.",
    };
    private static final String[] WENT_WELL = {
        "The alert fired within minutes and the on-call engineer had the runbook open right away.",
        "Roles were clear from the start: one commander, one scribe, one voice to customers.",
        "Rolling back was a single, well-rehearsed command.",
        "People from three teams joined the channel quickly and shared what they saw.",
    };
    private static final String[] HARD = {
        "The dashboards showed averages, which hid the tail latency that customers felt.",
        "Two changes had shipped within the hour, so it took a while to tell which one mattered.",
        "The runbook described an older version of the deployment.",
        "Logs from the affected hosts were sampled, so the failing requests were hard to find.",
    };
    private static final String[] LUCKY = {
        "It happened during working hours, when the owning team was online.",
        "Traffic was low at the time: fewer customers were affected than on a weekday peak.",
        "Someone happened to be watching the graph when it dipped.",
    };
    private static final String[] DETECTION = {
        "An SLO burn-rate alert paged the on-call engineer.",
        "Support noticed a spike of tickets before any alert fired: detection came from customers.",
        "A synthetic check from another region failed three times in a row.",
    };
    private static final PostmortemContent.Factor[] FACTORS = {
        new PostmortemContent.Factor(
                FactorCategory.TECHNICAL, "A timeout default was longer than the client's own retry budget."),
        new PostmortemContent.Factor(
                FactorCategory.PROCESS,
                "The change went out without a canary stage because the pipeline treated configuration as low risk."),
        new PostmortemContent.Factor(
                FactorCategory.TOOLING, "The deploy tool showed success before the new pods were ready."),
        new PostmortemContent.Factor(
                FactorCategory.COMMUNICATION,
                "The dependency's maintenance window was announced in a channel the owning team does not follow."),
        new PostmortemContent.Factor(
                FactorCategory.KNOWLEDGE, "Only one person knew how the cache is warmed after a failover."),
        new PostmortemContent.Factor(
                FactorCategory.ENVIRONMENT,
                "Staging has a tenth of production's data, so the slow query never showed there."),
    };
    private static final PostmortemContent.Decision[] DECISIONS = {
        new PostmortemContent.Decision(
                "Rolled back instead of fixing forward.",
                "The rollback was rehearsed and took two minutes; the fix was not yet understood.",
                null),
        new PostmortemContent.Decision(
                "Waited ten minutes before declaring an incident.",
                "The first alert had been flaky for weeks, so it looked like noise at first.",
                null),
        new PostmortemContent.Decision(
                "Failed over to the second region.",
                "The error rate was rising and the runbook named failover as the safe first step.",
                null),
    };
}
