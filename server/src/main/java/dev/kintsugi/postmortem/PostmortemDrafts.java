package dev.kintsugi.postmortem;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.TimelineMessage;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.postmortem.persistence.PostmortemRepository;
import dev.kintsugi.postmortem.persistence.PostmortemTimelineRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starting post-mortems: the draft of a resolved incident, or one on its own (near miss, game day, outage). */
@Service
@Transactional
public class PostmortemDrafts {
    private final PostmortemRepository repo;
    private final PostmortemTimelineRepository timeline;
    private final PostmortemAccess access;
    private final PostmortemContentCheck check;
    private final IncidentManagement incidents;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final dev.kintsugi.chaos.ChaosRuns chaosRuns;
    private final dev.kintsugi.catalog.CatalogManagement catalog;

    PostmortemDrafts(
            PostmortemRepository repo,
            PostmortemTimelineRepository timeline,
            PostmortemAccess access,
            PostmortemContentCheck check,
            IncidentManagement incidents,
            AuditLog audit,
            Clock clock,
            ApplicationEventPublisher events,
            dev.kintsugi.chaos.ChaosRuns chaosRuns,
            dev.kintsugi.catalog.CatalogManagement catalog) {
        this.chaosRuns = chaosRuns;
        this.catalog = catalog;
        this.events = events;
        this.repo = repo;
        this.timeline = timeline;
        this.access = access;
        this.check = check;
        this.incidents = incidents;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The draft for a resolved incident, pre-filled with its roles, services, milestones and its whole timeline
     * (pinned entries and milestones kept, the rest dropped to curate). Idempotent: an incident has at most one post-mortem.
     */
    public Postmortem draftFor(long incidentId) {
        Optional<Long> existing = repo.idForIncident(incidentId);
        if (existing.isPresent()) {
            return access.get(existing.get());
        }
        IncidentView incident = incidents.get(incidentId);
        Instant now = clock.instant();
        String actor = Actor.current();
        String title = PostmortemContentCheck.title("Post-mortem: " + incident.title());
        long id = repo.insert(incidentId, Origin.INCIDENT, title, incident.privateIncident(), actor, now);
        String commander = incident.role(IncidentRole.COMMANDER);
        PostmortemContent content = new PostmortemContent(
                title,
                incident.severity().name(),
                false,
                commander,
                commander,
                incident.description(),
                null,
                null,
                null,
                null,
                null,
                new ArrayList<>(incident.participants()),
                List.of(),
                incident.services().stream().map(IncidentView.ServiceRef::name).toList(),
                List.of(),
                List.of(),
                List.of());
        PostmortemReview draft = firstRevision(id, incidentId, Origin.INCIDENT, content, actor, now);
        for (Milestone m : Milestone.values()) {
            Instant at = incident.milestone(m);
            if (at != null && m != Milestone.CLOSED) {
                timeline.add(
                        id,
                        at,
                        Actor.SYSTEM,
                        null,
                        EntrySource.INCIDENT,
                        TimelineEntryKind.MILESTONE.name(),
                        milestoneLabel(m) + " (" + incident.key() + ")",
                        true,
                        new TimelineMessage(
                                "postmortem.timeline.milestone",
                                List.of(
                                        new TimelineMessage.Arg(TimelineMessage.ArgType.MILESTONE, m.name()),
                                        new TimelineMessage.Arg(TimelineMessage.ArgType.TEXT, incident.key()))));
            }
        }
        // the whole story comes over to curate, each entry as its author told it: pinned ones and milestones
        // kept, the rest dropped but visible to the editors
        for (TimelineEntry e : incidents.timeline(incident.key())) {
            timeline.add(
                    id,
                    e.occurredAt(),
                    e.author(),
                    e.perspective(),
                    EntrySource.INCIDENT,
                    e.kind().name(),
                    e.body(),
                    keptByDefault(e),
                    e.message());
        }
        List<TimelineItem> entries = timeline.timeline(id);
        if (!entries.isEmpty()) {
            events.publishEvent(new PostmortemTimelineChanged(
                    draft.refs(), PostmortemTimelineChanged.Change.IMPORTED, entries, actor, now));
        }
        audit.record(
                "postmortem.drafted",
                "postmortem",
                "PM-" + id,
                "Drafted PM-" + id + " for " + incident.key(),
                null,
                draft.content());
        return access.get(id);
    }

    /** A post-mortem with no incident: a near miss, a game day, someone else's outage. */
    public Postmortem start(Origin origin, String title, String severity, boolean privateReview) {
        if (origin == null || origin == Origin.INCIDENT) {
            throw new InvalidInputException(
                    "origin",
                    "postmortem.validation.origin",
                    "must be NEAR_MISS, GAME_DAY or EXTERNAL_OUTAGE (incidents get theirs when resolved)");
        }
        String actor = Actor.current();
        Instant now = clock.instant();
        String checkedTitle = PostmortemContentCheck.title(title);
        long id = repo.insert(null, origin, checkedTitle, privateReview, actor, now);
        List<String> participants = Actor.SYSTEM.equals(actor) ? List.of() : List.of(actor);
        String person = participants.isEmpty() ? null : actor;
        PostmortemContent content = new PostmortemContent(
                checkedTitle,
                PostmortemContentCheck.severity(severity),
                false,
                person,
                person,
                null,
                null,
                null,
                null,
                null,
                null,
                participants,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());
        PostmortemContent checked =
                firstRevision(id, null, origin, content, actor, now).content();
        audit.record(
                "postmortem.started",
                "postmortem",
                "PM-" + id,
                "Started PM-" + id + " (" + origin + ")",
                null,
                checked);
        return access.get(id);
    }

    /**
     * A post-mortem of a chaos run whose steady state deviated: a near miss (nothing broke for customers, the
     * experiment found the weakness), with the run's services, a link to its report and its timeline (start, each
     * activity with its probe value against the tolerance, each fault injected and reverted, the end), all kept.
     * Idempotent: a run gets one post-mortem, and the run records it (its page links to it).
     */
    public Postmortem draftForChaosRun(long runId) {
        String existing = chaosRuns.postmortemOf(runId);
        if (existing != null) {
            return access.get(Long.parseLong(existing.substring(3)));
        }
        dev.kintsugi.chaos.RunView run = chaosRuns.get(runId);
        if (run.running() || run.dry() || !run.deviated()) {
            throw new InvalidInputException(
                    "run",
                    "postmortem.validation.chaosRun",
                    "only a finished, non-dry run whose steady state deviated gets a post-mortem");
        }
        String actor = Actor.current();
        Instant now = clock.instant();
        String title = PostmortemContentCheck.title("Post-mortem: " + run.experimentTitle() + " (run " + runId + ")");
        long id = repo.insert(null, Origin.NEAR_MISS, title, false, actor, now);
        List<String> participants = Actor.SYSTEM.equals(actor) ? List.of() : List.of(actor);
        String person = participants.isEmpty() ? null : actor;
        List<String> services = catalog.servicesById(run.serviceIds()).stream()
                .map(s -> s.name())
                .toList();
        PostmortemContent content = new PostmortemContent(
                title,
                PostmortemContentCheck.severity(null),
                false,
                person,
                person,
                "Chaos experiment \"" + run.experimentTitle() + "\" (version " + run.experimentVersion()
                        + ") deviated from its steady state in run " + runId
                        + (run.recovered() == null
                                ? "."
                                : run.recovered()
                                        ? "; it recovered after the rollbacks."
                                        : "; it did not recover after the rollbacks.")
                        + " Its report: /chaos/runs/" + runId + "/report",
                null,
                null,
                null,
                null,
                null,
                participants,
                List.of("chaos"),
                services,
                List.of(),
                List.of(),
                List.of());
        PostmortemReview draft = firstRevision(id, null, Origin.NEAR_MISS, content, actor, now);
        // the run's timeline, each entry a message of the chaos bundle rendered in the reader's language
        for (dev.kintsugi.chaos.RunTimelineEntry e : chaosRuns.timeline(runId)) {
            timeline.add(id, e.at(), e.author(), null, EntrySource.EXPERIMENT, null, e.english(), true, e.message());
        }
        List<TimelineItem> entries = timeline.timeline(id);
        events.publishEvent(new PostmortemTimelineChanged(
                draft.refs(), PostmortemTimelineChanged.Change.IMPORTED, entries, actor, now));
        audit.record(
                "postmortem.drafted",
                "postmortem",
                "PM-" + id,
                "Drafted PM-" + id + " from chaos run " + runId,
                null,
                draft.content());
        if (!chaosRuns.linkPostmortem(runId, "PM-" + id)) {
            // someone else's click drafted it at the same time: roll this one back, theirs stays
            throw new dev.kintsugi.platform.ConflictException(
                    "Run " + runId + " got its post-mortem at the same time; open it from the run page");
        }
        return access.get(id);
    }

    private PostmortemReview firstRevision(
            long id, Long incidentId, Origin origin, PostmortemContent content, String actor, Instant now) {
        PostmortemContent checked = check.check(content);
        PostmortemRefs refs = access.refs(id, incidentId, access.serviceIds(checked.services()));
        PostmortemReview draft = PostmortemReview.draft(id, incidentId, origin, checked, refs, 0, actor, now);
        access.save(draft, actor, now);
        return draft;
    }

    /** Pinned entries and milestones are the story's spine: kept unless the facilitator drops them. */
    static boolean keptByDefault(TimelineEntry e) {
        return e.pinned() || e.kind() == TimelineEntryKind.MILESTONE;
    }

    static String milestoneLabel(Milestone m) {
        return PostmortemExport.label(m);
    }
}
