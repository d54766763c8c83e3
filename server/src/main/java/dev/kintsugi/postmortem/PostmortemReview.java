package dev.kintsugi.postmortem;

import dev.kintsugi.platform.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The post-mortem aggregate: its content, its revision and where it is in review. It guards its own rules —
 * {@code DRAFT → IN_REVIEW → PUBLISHED}, back from review to draft, the blameless gate (open language findings
 * block review unless the facilitator overrides with a written reason), who may publish and what a published one
 * needs — and records what the other modules must hear ({@link #pendingEvents()}); the facades save both in one
 * transaction.
 */
public class PostmortemReview {
    public static final int MIN_OVERRIDE_REASON = 10;

    private final long id;
    private final Long incidentId;
    private final Origin origin;
    private PostmortemStatus status;
    private PostmortemContent content;
    private int revision;
    private Integer publishedRevision;
    private Instant publishedAt;
    private Instant updatedAt;
    private PostmortemRefs refs;
    private final int version;
    private boolean contentChanged;
    private String overrideReason;
    private String noCountermeasureReason;
    private final List<Object> pendingEvents = new ArrayList<>();

    public PostmortemReview(
            long id,
            Long incidentId,
            Origin origin,
            PostmortemStatus status,
            PostmortemContent content,
            int revision,
            Integer publishedRevision,
            Instant publishedAt,
            Instant updatedAt,
            PostmortemRefs refs,
            int version) {
        this(
                id,
                incidentId,
                origin,
                status,
                content,
                revision,
                publishedRevision,
                publishedAt,
                updatedAt,
                refs,
                version,
                null,
                null);
    }

    /** As loaded, with the reasons the last review recorded (override of language findings, no countermeasure). */
    public PostmortemReview(
            long id,
            Long incidentId,
            Origin origin,
            PostmortemStatus status,
            PostmortemContent content,
            int revision,
            Integer publishedRevision,
            Instant publishedAt,
            Instant updatedAt,
            PostmortemRefs refs,
            int version,
            String overrideReason,
            String noCountermeasureReason) {
        this.overrideReason = overrideReason;
        this.noCountermeasureReason = noCountermeasureReason;
        this.id = id;
        this.incidentId = incidentId;
        this.origin = Objects.requireNonNull(origin);
        this.status = Objects.requireNonNull(status);
        this.content = Objects.requireNonNull(content);
        this.revision = revision;
        this.publishedRevision = publishedRevision;
        this.publishedAt = publishedAt;
        this.updatedAt = updatedAt;
        this.refs = Objects.requireNonNull(refs);
        this.version = version;
    }

    /** A new draft whose first content becomes revision 1. {@code version} is that of the row just inserted. */
    public static PostmortemReview draft(
            long id,
            Long incidentId,
            Origin origin,
            PostmortemContent content,
            PostmortemRefs refs,
            int version,
            String actor,
            Instant now) {
        PostmortemReview r = new PostmortemReview(
                id, incidentId, origin, PostmortemStatus.DRAFT, content, 1, null, null, now, refs, version);
        r.contentChanged = true;
        r.pendingEvents.add(new PostmortemDrafted(refs, origin, content, actor, now));
        return r;
    }

    // ---- state changes ----

    /**
     * Saves new content as the next revision. {@code basedOnRevision} is the revision the editor started from:
     * if someone saved since, the save is refused (409) rather than silently overwriting their work. Unchanged
     * content makes no revision; answers whether one was made.
     */
    public boolean revise(
            Integer basedOnRevision, PostmortemContent next, PostmortemRefs nextRefs, String actor, Instant now) {
        ReviewRules.requireRevisable(key(), status, revision, basedOnRevision);
        if (next.equals(content)) {
            return false;
        }
        List<String> changed = changedFields(content, next);
        content = next;
        refs = nextRefs;
        revision++;
        contentChanged = true;
        updatedAt = now;
        pendingEvents.add(new PostmortemRevised(refs, revision, status, changed, content, actor, now));
        return true;
    }

    /**
     * Sends a draft to review. Open language findings block it unless the facilitator (or an admin) overrides
     * them with a reason of at least {@value #MIN_OVERRIDE_REASON} characters.
     */
    public void submitForReview(
            List<FieldFinding> openFindings, String reason, String actor, boolean actorIsAdmin, Instant now) {
        requireMove(PostmortemStatus.IN_REVIEW);
        String why = ReviewRules.overrideReason(content, openFindings, reason, actor, actorIsAdmin);
        status = PostmortemStatus.IN_REVIEW;
        overrideReason = why;
        updatedAt = now;
        pendingEvents.add(new PostmortemSubmittedForReview(refs, revision, openFindings.size(), why, actor, now));
    }

    /** From review back to draft; a published one is amended instead ({@link #amend}). */
    public void sendBackToDraft(String actor, Instant now) {
        if (status == PostmortemStatus.PUBLISHED) {
            amend(actor, now);
            return;
        }
        requireMove(PostmortemStatus.DRAFT);
        status = PostmortemStatus.DRAFT;
        updatedAt = now;
        pendingEvents.add(new PostmortemSentBackToDraft(refs, revision, actor, now));
    }

    /**
     * Publishes the current revision. Only the facilitator, the owner or an admin; it needs substance: a summary,
     * an impact statement, at least one contributing factor, and a countermeasure or a written reason for none
     * (each missing one named in the refusal).
     */
    public void publish(
            String actor,
            boolean actorIsAdmin,
            int countermeasures,
            String reasonForNoCountermeasure,
            Approvals approvals,
            Instant now) {
        requireMove(PostmortemStatus.PUBLISHED);
        ReviewRules.requirePublisher(key(), content, actor, actorIsAdmin);
        String noneReason = reasonForNoCountermeasure == null ? null : reasonForNoCountermeasure.trim();
        List<NotPublishable.Missing> missing = ReviewRules.missingForPublication(content, countermeasures, noneReason);
        if (!missing.isEmpty()) {
            throw new NotPublishable(missing);
        }
        ReviewRules.requireApprovals(key(), revision, approvals);
        status = PostmortemStatus.PUBLISHED;
        noCountermeasureReason = countermeasures == 0 ? noneReason : null;
        publishedRevision = revision;
        publishedAt = now;
        updatedAt = now;
        pendingEvents.add(new PostmortemPublished(refs, revision, content, actor, now));
    }

    /** Approvals of the current revision, against those required to publish. */
    public record Approvals(int given, int required) {}

    /**
     * A reviewer approves the current revision (with an optional comment). Only in review, and not the facilitator:
     * a review is someone else's reading.
     */
    public void approve(String reviewer, String comment, Instant now) {
        requireReviewer(reviewer);
        updatedAt = now;
        pendingEvents.add(new PostmortemReviewed(refs, revision, ReviewDecision.Kind.APPROVED, comment, reviewer, now));
    }

    /** A reviewer requests changes, saying which: the post-mortem goes back to draft. */
    public void requestChanges(String reviewer, String comment, Instant now) {
        requireReviewer(reviewer);
        if (blank(comment)) {
            throw new InvalidInputException(
                    "comment", "postmortem.validation.changesComment", "say which changes you request");
        }
        status = PostmortemStatus.DRAFT;
        updatedAt = now;
        pendingEvents.add(new PostmortemReviewed(
                refs, revision, ReviewDecision.Kind.CHANGES_REQUESTED, comment.trim(), reviewer, now));
    }

    private void requireReviewer(String reviewer) {
        ReviewRules.requireReviewer(key(), status, content, reviewer);
    }

    /**
     * Reopens a published post-mortem to amend it: back to draft, a new revision on the next save. The published
     * revision stays what readers see in the library until the amendment is published.
     */
    public void amend(String actor, Instant now) {
        if (status != PostmortemStatus.PUBLISHED) {
            throw ReviewRules.notNow(
                    "postmortem.conflict.amendPublished",
                    key() + " is " + status + ": only a published post-mortem is amended; edit it directly",
                    status,
                    key());
        }
        status = PostmortemStatus.DRAFT;
        overrideReason = null;
        updatedAt = now;
        pendingEvents.add(new PostmortemSentBackToDraft(refs, revision, actor, now));
    }

    /** Whether it was published and is being amended (its published revision still the one readers see). */
    public boolean amending() {
        return status != PostmortemStatus.PUBLISHED && publishedRevision != null;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private void requireMove(PostmortemStatus target) {
        ReviewRules.requireMove(key(), status, target);
    }

    /** The names of the fields that differ, in reading order. */
    static List<String> changedFields(PostmortemContent a, PostmortemContent b) {
        return FieldDiff.changedFields(a, b);
    }

    // ---- reading ----

    public long id() {
        return id;
    }

    public String key() {
        return "PM-" + id;
    }

    public Long incidentId() {
        return incidentId;
    }

    public Origin origin() {
        return origin;
    }

    public PostmortemStatus status() {
        return status;
    }

    public PostmortemContent content() {
        return content;
    }

    public int revision() {
        return revision;
    }

    public Integer publishedRevision() {
        return publishedRevision;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public PostmortemRefs refs() {
        return refs;
    }

    /** The version it was loaded at: the save is refused if the stored one moved on since. */
    public int version() {
        return version;
    }

    /** Whether the content changed since loading: a new revision to store. */
    public boolean contentChanged() {
        return contentChanged;
    }

    /** The reason given to override open language findings on the last submission, or null. */
    public String overrideReason() {
        return overrideReason;
    }

    /** The written reason a published post-mortem has no countermeasure, or null. */
    public String noCountermeasureReason() {
        return noCountermeasureReason;
    }

    public List<Object> pendingEvents() {
        return List.copyOf(pendingEvents);
    }
}
