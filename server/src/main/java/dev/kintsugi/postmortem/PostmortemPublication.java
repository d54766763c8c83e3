package dev.kintsugi.postmortem;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.postmortem.persistence.ReviewDecisionRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Review and publication: the blameless-language gate before review, back to draft, publishing. The rules are
 * the {@link PostmortemReview} aggregate's; this facade loads, audits and saves.
 */
@Service
@Transactional
public class PostmortemPublication {
    private final PostmortemAccess access;
    private final BlamelessReview language;
    private final AuditLog audit;
    private final Clock clock;
    private final Countermeasures countermeasures;
    private final ReviewDecisionRepository decisions;
    private final PostmortemProperties properties;

    PostmortemPublication(
            PostmortemAccess access,
            BlamelessReview language,
            AuditLog audit,
            Clock clock,
            Countermeasures countermeasures,
            ReviewDecisionRepository decisions,
            PostmortemProperties properties) {
        this.countermeasures = countermeasures;
        this.decisions = decisions;
        this.properties = properties;
        this.access = access;
        this.language = language;
        this.audit = audit;
        this.clock = clock;
    }

    /** The open language findings of the current content. */
    @Transactional(readOnly = true)
    public List<FieldFinding> languageFindings(long id) {
        access.visibleRow(id);
        return language.check(access.content(id));
    }

    public Postmortem submitForReview(long id, String overrideReason) {
        return submitForReview(id, null, overrideReason);
    }

    /** Sends a draft to review. Open language findings block it unless the facilitator overrides with a reason. */
    public Postmortem submitForReview(long id, Long expectedVersion, String overrideReason) {
        return move(id, expectedVersion, (pm, actor, now) -> {
            List<FieldFinding> open = language.check(pm.content());
            pm.submitForReview(open, overrideReason, actor, Actor.hasRole(Role.ADMIN), now);
            if (pm.overrideReason() != null) {
                audit.record(
                        "postmortem.language-override",
                        "postmortem",
                        pm.key(),
                        "Language findings overridden on " + pm.key() + ": " + pm.overrideReason(),
                        Map.of("findings", open.size()),
                        Map.of("reason", pm.overrideReason()));
            }
        });
    }

    public Postmortem sendBackToDraft(long id) {
        return sendBackToDraft(id, null);
    }

    public Postmortem sendBackToDraft(long id, Long expectedVersion) {
        return move(id, expectedVersion, (pm, actor, now) -> pm.sendBackToDraft(actor, now));
    }

    public Postmortem publish(long id) {
        return publish(id, null, null);
    }

    /**
     * Publishes: freezes the current revision as the one readers see. Facilitator, owner or an admin; refused
     * (naming each missing field) without a summary, an impact statement, a contributing factor, and a
     * countermeasure or {@code noCountermeasureReason}.
     */
    public Postmortem publish(long id, Long expectedVersion, String noCountermeasureReason) {
        int planned = countermeasures.of(id).size();
        return move(id, expectedVersion, (pm, actor, now) -> {
            var approvals = new PostmortemReview.Approvals(
                    decisions.approvals(id, pm.revision()), properties.requiredApprovals());
            pm.publish(actor, Actor.hasRole(Role.ADMIN), planned, noCountermeasureReason, approvals, now);
        });
    }

    /** Approvals of the current revision needed to publish ({@code kintsugi.postmortem.required-approvals}). */
    public int requiredApprovals() {
        return properties.requiredApprovals();
    }

    /** The reviewers' decisions, oldest first. */
    @Transactional(readOnly = true)
    public List<ReviewDecision> reviews(long id) {
        access.visibleRow(id);
        return decisions.decisions(id);
    }

    /** Approves the current revision in review (not the facilitator); {@code comment} is optional. */
    public Postmortem approve(long id, Long expectedVersion, String comment) {
        return review(id, expectedVersion, ReviewDecision.Kind.APPROVED, comment);
    }

    /** Requests changes with a comment: the post-mortem goes back to draft. */
    public Postmortem requestChanges(long id, Long expectedVersion, String comment) {
        return review(id, expectedVersion, ReviewDecision.Kind.CHANGES_REQUESTED, comment);
    }

    private Postmortem review(long id, Long expectedVersion, ReviewDecision.Kind kind, String comment) {
        String text = PostmortemInput.optional(comment, "comment", PostmortemInput.MAX_TEXT);
        return move(id, expectedVersion, (pm, actor, now) -> {
            if (kind == ReviewDecision.Kind.APPROVED) {
                pm.approve(actor, text, now);
            } else {
                pm.requestChanges(actor, text, now);
            }
            decisions.add(id, pm.revision(), actor, kind, text, now);
            audit.record(
                    "postmortem.reviewed",
                    "postmortem",
                    pm.key(),
                    pm.key() + " revision " + pm.revision() + ": " + kind,
                    null,
                    text == null ? Map.of("decision", kind) : Map.of("decision", kind, "comment", text));
        });
    }

    /**
     * Amends a published post-mortem: back to draft for a new revision; the published revision stays readable in
     * the library until the amendment is published.
     */
    public Postmortem amend(long id, Long expectedVersion) {
        return move(id, expectedVersion, (pm, actor, now) -> pm.amend(actor, now));
    }

    /**
     * {@code DRAFT → IN_REVIEW}, {@code IN_REVIEW → PUBLISHED} or {@code IN_REVIEW → DRAFT}, as the API and the
     * page ask for it.
     */
    public Postmortem transition(long id, Long expectedVersion, PostmortemStatus to, String overrideReason) {
        return transition(id, expectedVersion, to, overrideReason, null);
    }

    /**
     * As {@link #transition(long, Long, PostmortemStatus, String)}; {@code reason} is the override reason when
     * sending to review, the reason for no countermeasure when publishing. {@code PUBLISHED → DRAFT} amends.
     */
    public Postmortem transition(
            long id, Long expectedVersion, PostmortemStatus to, String overrideReason, String noCountermeasureReason) {
        if (to == null) {
            throw new dev.kintsugi.platform.InvalidInputException("to", "must name the target status");
        }
        return switch (to) {
            case IN_REVIEW -> submitForReview(id, expectedVersion, overrideReason);
            case PUBLISHED -> publish(id, expectedVersion, noCountermeasureReason);
            case DRAFT -> sendBackToDraft(id, expectedVersion);
        };
    }

    @FunctionalInterface
    private interface Move {
        void apply(PostmortemReview pm, String actor, Instant now);
    }

    private Postmortem move(long id, Long expectedVersion, Move move) {
        PostmortemReview pm = access.load(id);
        Versions.require(expectedVersion, pm.version(), pm.key());
        PostmortemStatus from = pm.status();
        String actor = Actor.current();
        Instant now = clock.instant();
        move.apply(pm, actor, now);
        access.save(pm, actor, now);
        if (pm.status() == PostmortemStatus.PUBLISHED) {
            audit.record(
                    "postmortem.published",
                    "postmortem",
                    pm.key(),
                    "Published " + pm.key() + " revision " + pm.revision(),
                    Map.of("status", from),
                    Map.of("status", PostmortemStatus.PUBLISHED, "revision", pm.revision()));
        } else {
            audit.record(
                    "postmortem.status-changed",
                    "postmortem",
                    pm.key(),
                    pm.key() + ": " + from + " → " + pm.status(),
                    Map.of("status", from),
                    Map.of("status", pm.status()));
        }
        return access.get(id);
    }

    /**
     * The milestones of a post-mortem's incident that its figures need and it lacks ("INC-12 has no mitigated
     * time"): the post-mortem page asks for them before review, with a link to the incident's milestones.
     */
    public List<dev.kintsugi.incident.Milestone> missingMilestones(
            java.util.Map<dev.kintsugi.incident.Milestone, java.time.Instant> milestones) {
        return ReviewRules.missingMilestones(milestones);
    }
}
