package dev.kintsugi.alerting;

import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.ConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The aggregate: alerts with one dedup key of one integration, from the first trigger to the resolution. It guards
 * its transitions (triggered → acknowledged → resolved; resolved is final: a new trigger opens a new group),
 * counts repeats, keeps the recent state changes of its dedup key to tell flapping, and collects its events.
 */
public final class AlertGroup {
    private final long id;
    private final long integrationId;
    private final String dedupKey;
    private GroupStatus status;
    private String title;
    private final String sourceSeverity;
    private final Severity severity;
    private final Set<Long> serviceIds;
    private final Set<Long> teamIds;
    private final Long definitionId;
    private final Map<String, String> labels;
    private final List<AlertEvent.Link> links;
    private final Instant firstAt;
    private Instant lastAt;
    private int repeatCount;
    private final List<Instant> stateChanges;
    private boolean flapping;
    private String suppressedBy;
    private Decision decision;
    private String incidentKey;
    private String acknowledgedBy;
    private Instant acknowledgedAt;
    private Instant resolvedAt;
    private Expectation expected;
    private final long version;
    private final List<Object> pendingEvents = new ArrayList<>();

    public AlertGroup(AlertGroupView v, List<Instant> stateChanges) {
        this.id = v.id();
        this.integrationId = v.integrationId();
        this.dedupKey = v.dedupKey();
        this.status = v.status();
        this.title = v.title();
        this.sourceSeverity = v.sourceSeverity();
        this.severity = v.severity();
        this.serviceIds = new LinkedHashSet<>(v.serviceIds());
        this.teamIds = new LinkedHashSet<>(v.teamIds());
        this.definitionId = v.definitionId();
        this.labels = Map.copyOf(v.labels());
        this.links = List.copyOf(v.links());
        this.firstAt = v.firstAt();
        this.lastAt = v.lastAt();
        this.repeatCount = v.repeatCount();
        this.stateChanges = new ArrayList<>(stateChanges);
        this.flapping = v.flapping();
        this.suppressedBy = v.suppressedBy();
        this.decision = v.decision();
        this.incidentKey = v.incidentKey();
        this.acknowledgedBy = v.acknowledgedBy();
        this.acknowledgedAt = v.acknowledgedAt();
        this.resolvedAt = v.resolvedAt();
        this.expected = v.expected();
        this.version = v.version();
    }

    /**
     * A group that just opened: {@code earlierChanges} are the state changes of the same dedup key's previous
     * groups; with this trigger, {@code flappingChanges} of them within {@code window} make it flapping.
     */
    static List<Instant> changesWithin(List<Instant> earlierChanges, Instant now, Duration window) {
        List<Instant> kept = new ArrayList<>();
        for (Instant i : earlierChanges) {
            if (!i.isBefore(now.minus(window))) {
                kept.add(i);
            }
        }
        kept.add(now);
        return kept.size() > 20 ? kept.subList(kept.size() - 20, kept.size()) : kept;
    }

    /** The trigger that opened this group: decides and announces it (once: repeats never decide again). */
    void opened(boolean flapping, String suppressedBy, Decision decision) {
        this.flapping = flapping;
        this.suppressedBy = suppressedBy;
        this.decision = decision;
        pendingEvents.add(new AlertGroupTriggered(
                id, integrationId, ids(serviceIds), ids(teamIds), severity, title, decision, definitionId, firstAt));
    }

    /** The group came while {@code expectation} (a chaos run, a Monkey termination…) was in progress on its service. */
    void expectedFrom(Expectation expectation) {
        this.expected = expectation;
    }

    /** Tells the expectation's owner (instead of paging on-call) that what they run raised this alert. */
    void notifyRunStarter(Instant at) {
        if (expected != null && expected.owner() != null) {
            pendingEvents.add(new AlertGroupExpected(
                    id,
                    integrationId,
                    ids(serviceIds),
                    ids(teamIds),
                    severity,
                    title,
                    expected.reference(),
                    expected.owner(),
                    at,
                    expected.kind()));
        }
    }

    void attachedTo(String incidentKey) {
        this.incidentKey = incidentKey;
    }

    void escalate(Instant at) {
        pendingEvents.add(new AlertGroupEscalationRequested(
                id, integrationId, ids(serviceIds), ids(teamIds), severity, title, incidentKey, at));
    }

    /** Another trigger with the same dedup key while the group is open. */
    void repeat(Instant at) {
        requireOpen("repeat");
        repeatCount++;
        lastAt = at;
    }

    /** Acknowledges; false when it was already acknowledged (nothing changes). Refused once resolved (409). */
    boolean acknowledge(String by, Instant at) {
        requireOpen("acknowledge");
        if (status == GroupStatus.ACKNOWLEDGED) {
            return false;
        }
        status = GroupStatus.ACKNOWLEDGED;
        acknowledgedBy = by;
        acknowledgedAt = at;
        lastAt = at.isAfter(lastAt) ? at : lastAt;
        pendingEvents.add(
                new AlertGroupAcknowledged(id, integrationId, ids(serviceIds), ids(teamIds), severity, title, by, at));
        return true;
    }

    /** Resolves; false when it was resolved already (a repeated resolve event changes nothing). */
    boolean resolve(String by, Instant at) {
        if (status == GroupStatus.RESOLVED) {
            return false;
        }
        status = GroupStatus.RESOLVED;
        resolvedAt = at;
        lastAt = at.isAfter(lastAt) ? at : lastAt;
        stateChanges.add(at);
        if (stateChanges.size() > 20) {
            stateChanges.removeFirst();
        }
        pendingEvents.add(
                new AlertGroupResolved(id, integrationId, ids(serviceIds), ids(teamIds), severity, title, by, at));
        return true;
    }

    private void requireOpen(String what) {
        if (status == GroupStatus.RESOLVED) {
            throw new ConflictException(
                    "alerting.group.resolved",
                    "alert group " + id + " is resolved: cannot " + what,
                    Map.of("status", status.name()),
                    id);
        }
    }

    private static Set<Long> ids(Set<Long> s) {
        return Set.copyOf(s);
    }

    public AlertGroupView view() {
        return new AlertGroupView(
                id,
                integrationId,
                dedupKey,
                status,
                title,
                sourceSeverity,
                severity,
                Set.copyOf(serviceIds),
                Set.copyOf(teamIds),
                definitionId,
                labels,
                links,
                firstAt,
                lastAt,
                repeatCount,
                flapping,
                suppressedBy,
                decision,
                incidentKey,
                acknowledgedBy,
                acknowledgedAt,
                resolvedAt,
                expected,
                version);
    }

    public List<Instant> stateChanges() {
        return List.copyOf(stateChanges);
    }

    public List<Object> pendingEvents() {
        return pendingEvents;
    }

    public long id() {
        return id;
    }

    public GroupStatus status() {
        return status;
    }

    public String incidentKey() {
        return incidentKey;
    }

    public long version() {
        return version;
    }
}
