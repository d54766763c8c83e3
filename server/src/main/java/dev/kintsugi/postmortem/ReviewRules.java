package dev.kintsugi.postmortem;

import static dev.kintsugi.postmortem.PostmortemReview.MIN_OVERRIDE_REASON;
import static dev.kintsugi.postmortem.PostmortemReview.blank;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The review rules the post-mortem aggregate ({@link PostmortemReview}) delegates to: which status moves are
 * allowed, the blameless gate's override, who may review, and what a post-mortem needs to be published.
 */
final class ReviewRules {
    private ReviewRules() {}

    static void requireMove(String key, PostmortemStatus status, PostmortemStatus target) {
        if (!status.canMoveTo(target)) {
            List<String> allowed = allowedNext(status);
            String msg = status == target
                    ? key + " is already " + status
                    : key + " cannot move from " + status + " to " + target
                            + (allowed.isEmpty() ? "" : "; allowed next: " + String.join(", ", allowed));
            throw new ConflictException(
                    status == target
                            ? "postmortem.conflict.already"
                            : allowed.isEmpty() ? "postmortem.conflict.final" : "postmortem.conflict.move",
                    msg,
                    Map.of("currentStatus", status.name(), "allowedNext", allowed),
                    key,
                    status.name(),
                    target.name(),
                    String.join(", ", allowed));
        }
    }

    /** A refusal of what the status does not allow now, with the moves it does allow. */
    static ConflictException notNow(String code, String message, PostmortemStatus status, String key) {
        return new ConflictException(
                code,
                message,
                Map.of("currentStatus", status.name(), "allowedNext", allowedNext(status)),
                key,
                status.name());
    }

    /**
     * The reason to keep open language findings, or null when there are none. Refused without a reason, with a
     * reason shorter than {@value PostmortemReview#MIN_OVERRIDE_REASON} characters, or by someone who is neither
     * the facilitator nor an admin.
     */
    static String overrideReason(
            PostmortemContent content,
            List<FieldFinding> openFindings,
            String reason,
            String actor,
            boolean actorIsAdmin) {
        if (openFindings.isEmpty()) {
            return null;
        }
        String why = reason == null ? "" : reason.trim();
        if (why.isEmpty()) {
            throw new ConflictException(
                    "postmortem.conflict.openFindings",
                    openFindings.size() + " language finding(s) are still open: reframe them, or the facilitator can"
                            + " override with a written reason",
                    Map.of(
                            "findings",
                            openFindings.stream()
                                    .map(f -> Map.of("field", f.field(), "match", f.match(), "prompt", f.prompt()))
                                    .toList()),
                    openFindings.size());
        }
        if (why.length() < MIN_OVERRIDE_REASON) {
            throw new InvalidInputException(
                    "overrideReason",
                    "postmortem.validation.overrideReason",
                    "explain the override in at least " + MIN_OVERRIDE_REASON + " characters",
                    MIN_OVERRIDE_REASON);
        }
        if (!actor.equals(content.facilitator()) && !actorIsAdmin) {
            throw new ConflictException(
                    "postmortem.conflict.overrideByFacilitator",
                    "Only the facilitator (" + content.facilitator() + ") can override open language findings",
                    Map.of(),
                    content.facilitator());
        }
        return why;
    }

    /** Only a post-mortem in review is reviewed, and not by its facilitator: a review is someone else's reading. */
    static void requireReviewer(String key, PostmortemStatus status, PostmortemContent content, String reviewer) {
        if (status != PostmortemStatus.IN_REVIEW) {
            throw notNow(
                    "postmortem.conflict.reviewNotInReview",
                    key + " is " + status + ": only a post-mortem in review is reviewed",
                    status,
                    key);
        }
        if (reviewer.equals(content.facilitator())) {
            throw new ConflictException(
                    "postmortem.conflict.ownReview",
                    "The facilitator cannot review their own post-mortem; ask a colleague to review " + key,
                    Map.of(),
                    key);
        }
    }

    /**
     * What a post-mortem lacks to be published: a summary, an impact statement, a contributing factor, and a
     * countermeasure or a written reason for none.
     */
    static List<NotPublishable.Missing> missingForPublication(
            PostmortemContent content, int countermeasures, String noneReason) {
        List<NotPublishable.Missing> missing = new ArrayList<>();
        if (blank(content.summary())) {
            missing.add(new NotPublishable.Missing("summary", "a published post-mortem needs a summary"));
        }
        if (blank(content.customerImpact())) {
            missing.add(new NotPublishable.Missing(
                    "customerImpact", "say what the impact was (on customers, on colleagues)"));
        }
        if (content.factors().isEmpty()) {
            missing.add(new NotPublishable.Missing("factors", "name at least one contributing factor"));
        }
        if (countermeasures == 0 && blank(noneReason)) {
            missing.add(new NotPublishable.Missing(
                    "noCountermeasureReason", "add a countermeasure, or write why this review needs none"));
        } else if (countermeasures == 0 && noneReason.length() < MIN_OVERRIDE_REASON) {
            missing.add(new NotPublishable.Missing(
                    "noCountermeasureReason",
                    "explain in at least " + MIN_OVERRIDE_REASON + " characters why no countermeasure is needed"));
        }
        return missing;
    }

    private static List<String> allowedNext(PostmortemStatus status) {
        return status.allowedNext().stream().map(Enum::name).sorted().toList();
    }

    /** Only the facilitator, the owner or an admin publishes. */
    static void requirePublisher(String key, PostmortemContent content, String actor, boolean actorIsAdmin) {
        if (!actor.equals(content.facilitator()) && !actor.equals(content.owner()) && !actorIsAdmin) {
            throw new ConflictException(
                    "postmortem.conflict.publisher",
                    "Only the facilitator or the owner can publish " + key,
                    Map.of(),
                    key);
        }
    }

    /** The current revision has the approvals publication needs. */
    static void requireApprovals(String key, int revision, PostmortemReview.Approvals approvals) {
        if (approvals.given() < approvals.required()) {
            throw new ConflictException(
                    "postmortem.conflict.approvals",
                    key + " revision " + revision + " has " + approvals.given() + " of the " + approvals.required()
                            + " approval(s) it needs from a reviewer",
                    Map.of("approvals", approvals.given(), "requiredApprovals", approvals.required()),
                    key,
                    String.valueOf(revision),
                    approvals.given(),
                    approvals.required());
        }
    }

    /**
     * A save is refused on a published post-mortem (amend it first) and when someone saved since the editor's
     * {@code basedOnRevision} (409 rather than overwriting their work).
     */
    static void requireRevisable(String key, PostmortemStatus status, int revision, Integer basedOnRevision) {
        if (status == PostmortemStatus.PUBLISHED) {
            throw new ConflictException(
                    "postmortem.conflict.published",
                    key + " is published and read-only; amend it to start a new revision",
                    Map.of("currentStatus", status.name(), "allowedNext", List.of("DRAFT")),
                    key);
        }
        if (basedOnRevision != null && basedOnRevision != revision) {
            throw new ConflictException(
                    "postmortem.conflict.savedMeanwhile",
                    key + " was saved by someone else (revision " + revision + ", you edited " + basedOnRevision
                            + "); reload to see their changes",
                    Map.of("revision", revision),
                    key,
                    String.valueOf(revision),
                    String.valueOf(basedOnRevision));
        }
    }

    /** The milestones the metrics need that the incident lacks: a review asks for them (insights, data quality). */
    static List<dev.kintsugi.incident.Milestone> missingMilestones(
            java.util.Map<dev.kintsugi.incident.Milestone, java.time.Instant> milestones) {
        return java.util.stream.Stream.of(
                        dev.kintsugi.incident.Milestone.IMPACT_STARTED,
                        dev.kintsugi.incident.Milestone.DETECTED,
                        dev.kintsugi.incident.Milestone.ACKNOWLEDGED,
                        dev.kintsugi.incident.Milestone.MITIGATED,
                        dev.kintsugi.incident.Milestone.RESOLVED)
                .filter(m -> milestones.get(m) == null)
                .toList();
    }
}
