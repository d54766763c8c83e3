package dev.kintsugi.postmortem;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        if (basedOnRevision != null && basedOnRevision != revision) {
            throw new ConflictException(
                    key() + " was saved by someone else (revision " + revision + ", you edited " + basedOnRevision
                            + "); reload to see their changes",
                    Map.of("revision", revision));
        }
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
        String why = null;
        if (!openFindings.isEmpty()) {
            why = reason == null ? "" : reason.trim();
            if (why.isEmpty()) {
                throw new ConflictException(
                        openFindings.size()
                                + " language finding(s) are still open: reframe them, or the facilitator can"
                                + " override with a written reason",
                        Map.of(
                                "findings",
                                openFindings.stream()
                                        .map(f -> Map.of("field", f.field(), "match", f.match(), "prompt", f.prompt()))
                                        .toList()));
            }
            if (why.length() < MIN_OVERRIDE_REASON) {
                throw new InvalidInputException(
                        "overrideReason", "explain the override in at least " + MIN_OVERRIDE_REASON + " characters");
            }
            if (!actor.equals(content.facilitator()) && !actorIsAdmin) {
                throw new ConflictException(
                        "Only the facilitator (" + content.facilitator() + ") can override open language findings");
            }
        }
        status = PostmortemStatus.IN_REVIEW;
        overrideReason = why;
        updatedAt = now;
        pendingEvents.add(new PostmortemSubmittedForReview(refs, revision, openFindings.size(), why, actor, now));
    }

    public void sendBackToDraft(String actor, Instant now) {
        requireMove(PostmortemStatus.DRAFT);
        status = PostmortemStatus.DRAFT;
        updatedAt = now;
        pendingEvents.add(new PostmortemSentBackToDraft(refs, revision, actor, now));
    }

    /** Publishes the current revision. Only the facilitator, the owner or an admin; a summary is needed. */
    public void publish(String actor, boolean actorIsAdmin, Instant now) {
        requireMove(PostmortemStatus.PUBLISHED);
        if (!actor.equals(content.facilitator()) && !actor.equals(content.owner()) && !actorIsAdmin) {
            throw new ConflictException("Only the facilitator or the owner can publish " + key());
        }
        if (content.summary() == null || content.summary().isBlank()) {
            throw new InvalidInputException("summary", "a published post-mortem needs a summary");
        }
        status = PostmortemStatus.PUBLISHED;
        publishedRevision = revision;
        publishedAt = now;
        updatedAt = now;
        pendingEvents.add(new PostmortemPublished(refs, revision, content, actor, now));
    }

    private void requireMove(PostmortemStatus target) {
        if (!status.canMoveTo(target)) {
            List<String> allowed =
                    status.allowedNext().stream().map(Enum::name).sorted().toList();
            String msg = status == target
                    ? key() + " is already " + status
                    : key() + " cannot move from " + status + " to " + target
                            + (allowed.isEmpty() ? "" : "; allowed next: " + String.join(", ", allowed));
            throw new ConflictException(msg, Map.of("currentStatus", status.name(), "allowedNext", allowed));
        }
    }

    /** The names of the fields that differ, in reading order. */
    static List<String> changedFields(PostmortemContent a, PostmortemContent b) {
        Map<String, String> before = FieldDiff.flatten(a);
        Map<String, String> after = FieldDiff.flatten(b);
        return before.keySet().stream()
                .filter(f -> !Objects.equals(before.get(f), after.get(f)))
                .toList();
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

    public List<Object> pendingEvents() {
        return List.copyOf(pendingEvents);
    }
}
