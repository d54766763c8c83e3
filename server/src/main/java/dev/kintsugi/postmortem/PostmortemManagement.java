package dev.kintsugi.postmortem;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.TimelineEntry;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.postmortem.persistence.PostmortemRepository;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The post-mortem module's entry point: drafts (from resolved incidents, or on their own), edits (each save is
 * a revision), the review workflow, the post-mortem's own timeline and comments. Post-mortems of private
 * incidents are visible only to those who can see the incident.
 */
@Service
@Transactional
public class PostmortemManagement {
    public static final int MAX_TEXT = 50_000;
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final PostmortemRepository repo;
    private final IncidentManagement incidents;
    private final CatalogManagement catalog;
    private final UserManagement users;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;
    private final BlamelessReview language;
    private final dev.kintsugi.postmortem.chatimport.ChatLogParser chat;

    PostmortemManagement(
            PostmortemRepository repo,
            IncidentManagement incidents,
            CatalogManagement catalog,
            UserManagement users,
            AuditLog audit,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock,
            BlamelessReview language,
            dev.kintsugi.postmortem.chatimport.ChatLogParser chat) {
        this.repo = repo;
        this.incidents = incidents;
        this.catalog = catalog;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.language = language;
        this.chat = chat;
    }

    // ---- drafting ----

    /**
     * The draft for a resolved incident, pre-filled with its roles, services, milestones and pinned timeline
     * entries. Idempotent: an incident has at most one post-mortem.
     */
    public Postmortem draftFor(long incidentId) {
        Optional<Long> existing = repo.idForIncident(incidentId);
        if (existing.isPresent()) {
            return get(existing.get());
        }
        IncidentView incident = incidents.get(incidentId);
        Instant now = clock.instant();
        String actor = Actor.current();
        long id = repo.insert(
                incidentId,
                Origin.INCIDENT,
                title("Post-mortem: " + incident.title()),
                incident.privateIncident(),
                actor,
                now);
        List<String> participants = new ArrayList<>(incident.participants());
        String commander = incident.role(IncidentRole.COMMANDER);
        PostmortemContent content = new PostmortemContent(
                "Post-mortem: " + incident.title(),
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
                participants,
                List.of(),
                incident.services().stream().map(IncidentView.ServiceRef::name).toList(),
                List.of(),
                List.of(),
                List.of());
        saveRevision(id, 0, content, actor, now);
        for (Milestone m : Milestone.values()) {
            Instant at = incident.milestone(m);
            if (at != null && m != Milestone.CLOSED) {
                repo.addEntry(
                        id,
                        at,
                        Actor.SYSTEM,
                        null,
                        EntrySource.INCIDENT,
                        milestoneLabel(m) + " (" + incident.key() + ")");
            }
        }
        for (TimelineEntry e : incidents.timeline(incident.key())) {
            if (e.pinned()) {
                repo.addEntry(id, e.occurredAt(), e.author(), e.perspective(), EntrySource.INCIDENT, e.body());
            }
        }
        audit.record(
                "postmortem.drafted",
                "postmortem",
                "PM-" + id,
                "Drafted PM-" + id + " for " + incident.key(),
                null,
                content);
        events.publishEvent(new PostmortemDrafted(id, incidentId, content.title(), now));
        return get(id);
    }

    /** A post-mortem with no incident: a near miss, a game day, someone else's outage. */
    public Postmortem start(Origin origin, String title, String severity, boolean privateReview) {
        if (origin == null || origin == Origin.INCIDENT) {
            throw new InvalidInputException(
                    "origin", "must be NEAR_MISS, GAME_DAY or EXTERNAL_OUTAGE (incidents get theirs when resolved)");
        }
        String actor = Actor.current();
        Instant now = clock.instant();
        long id = repo.insert(null, origin, title(title), privateReview, actor, now);
        List<String> participants = Actor.SYSTEM.equals(actor) ? List.of() : List.of(actor);
        PostmortemContent content = new PostmortemContent(
                title.trim(),
                severity(severity),
                false,
                participants.isEmpty() ? null : actor,
                participants.isEmpty() ? null : actor,
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
        saveRevision(id, 0, content, actor, now);
        audit.record(
                "postmortem.started",
                "postmortem",
                "PM-" + id,
                "Started PM-" + id + " (" + origin + ")",
                null,
                content);
        events.publishEvent(new PostmortemDrafted(id, null, content.title(), now));
        return get(id);
    }

    // ---- editing ----

    /**
     * Saves new content as the next revision. {@code basedOn} is the revision the editor started from: if
     * someone saved since, the save is refused (409) rather than silently overwriting their work.
     */
    public Postmortem update(long id, Integer basedOn, PostmortemContent content) {
        PostmortemRepository.Row row = visibleRow(id);
        if (basedOn != null && basedOn != row.revision()) {
            throw new ConflictException(
                    "PM-" + id + " was saved by someone else (revision " + row.revision() + ", you edited " + basedOn
                            + "); reload to see their changes",
                    Map.of("revision", row.revision()));
        }
        PostmortemContent before = repo.content(id, serviceNames(id));
        PostmortemContent checked = validate(content);
        if (checked.equals(before)) {
            return get(id);
        }
        String actor = Actor.current();
        Instant now = clock.instant();
        repo.saveContent(id, row.version(), checked, serviceIds(checked.services()), now);
        repo.insertRevision(id, row.revision() + 1, actor, now, json.writeValueAsString(checked));
        audit.record(
                "postmortem.edited",
                "postmortem",
                "PM-" + id,
                "Edited PM-" + id + " (revision " + (row.revision() + 1) + ")",
                before,
                checked);
        return get(id);
    }

    private void saveRevision(long id, int version, PostmortemContent content, String actor, Instant now) {
        PostmortemContent checked = validate(content);
        repo.saveContent(id, version, checked, serviceIds(checked.services()), now);
        repo.insertRevision(id, 1, actor, now, json.writeValueAsString(checked));
    }

    // ---- workflow ----

    /** The open language findings of the current content. */
    @Transactional(readOnly = true)
    public List<FieldFinding> languageFindings(long id) {
        visibleRow(id);
        return language.check(repo.content(id, serviceNames(id)));
    }

    /** Sends a draft to review. Open language findings block it unless the facilitator overrides with a reason. */
    public Postmortem submitForReview(long id, String overrideReason) {
        PostmortemRepository.Row row = visibleRow(id);
        requireMove(row, PostmortemStatus.IN_REVIEW);
        PostmortemContent content = repo.content(id, serviceNames(id));
        List<FieldFinding> openFindings = language.check(content);
        if (!openFindings.isEmpty()) {
            String reason = overrideReason == null ? "" : overrideReason.trim();
            if (reason.isEmpty()) {
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
            if (reason.length() < 10) {
                throw new InvalidInputException("overrideReason", "explain the override in at least 10 characters");
            }
            String actor = Actor.current();
            if (!actor.equals(content.facilitator()) && !Actor.hasRole(Role.ADMIN)) {
                throw new ConflictException(
                        "Only the facilitator (" + content.facilitator() + ") can override open language findings");
            }
            audit.record(
                    "postmortem.language-override",
                    "postmortem",
                    "PM-" + id,
                    "Language findings overridden on PM-" + id + ": " + reason,
                    Map.of("findings", openFindings.size()),
                    Map.of("reason", reason));
        }
        return move(row, PostmortemStatus.IN_REVIEW);
    }

    public Postmortem sendBackToDraft(long id) {
        PostmortemRepository.Row row = visibleRow(id);
        requireMove(row, PostmortemStatus.DRAFT);
        return move(row, PostmortemStatus.DRAFT);
    }

    /** Publishes: freezes the current revision as the one readers see. Facilitator, owner or an admin. */
    public Postmortem publish(long id) {
        PostmortemRepository.Row row = visibleRow(id);
        requireMove(row, PostmortemStatus.PUBLISHED);
        PostmortemContent content = repo.content(id, serviceNames(id));
        String actor = Actor.current();
        if (!actor.equals(content.facilitator()) && !actor.equals(content.owner()) && !Actor.hasRole(Role.ADMIN)) {
            throw new ConflictException("Only the facilitator or the owner can publish PM-" + id);
        }
        if (blank(content.summary())) {
            throw new InvalidInputException("summary", "a published post-mortem needs a summary");
        }
        Instant now = clock.instant();
        repo.markPublished(id, row.revision(), now);
        audit.record(
                "postmortem.published",
                "postmortem",
                "PM-" + id,
                "Published PM-" + id + " revision " + row.revision(),
                Map.of("status", row.status()),
                Map.of("status", PostmortemStatus.PUBLISHED, "revision", row.revision()));
        events.publishEvent(new PostmortemPublished(id, row.incidentId(), content.title(), row.revision(), now));
        return get(id);
    }

    private void requireMove(PostmortemRepository.Row row, PostmortemStatus target) {
        if (!row.status().canMoveTo(target)) {
            List<String> allowed =
                    row.status().allowedNext().stream().map(Enum::name).sorted().toList();
            throw new ConflictException(
                    "PM-" + row.id() + " cannot move from " + row.status() + " to " + target
                            + (allowed.isEmpty() ? "" : "; allowed next: " + String.join(", ", allowed)),
                    Map.of("currentStatus", row.status().name(), "allowedNext", allowed));
        }
    }

    private Postmortem move(PostmortemRepository.Row row, PostmortemStatus target) {
        repo.setStatus(row.id(), target, clock.instant());
        audit.record(
                "postmortem.status-changed",
                "postmortem",
                "PM-" + row.id(),
                "PM-" + row.id() + ": " + row.status() + " → " + target,
                Map.of("status", row.status()),
                Map.of("status", target));
        return get(row.id());
    }

    // ---- timeline and comments ----

    public TimelineItem addEntry(
            long id, Instant at, String author, String perspective, EntrySource source, String body) {
        visibleRow(id);
        if (at == null) {
            throw new InvalidInputException("occurredAt", "must be given");
        }
        String text = required(body, "body", MAX_TEXT);
        String who = blank(author) ? Actor.current() : limit(author.trim(), "author", 128);
        long entry = repo.addEntry(
                id,
                at,
                who,
                optional(perspective, "perspective", 128),
                source == null ? EntrySource.MANUAL : source,
                text);
        audit.record(
                "postmortem.timeline-added",
                "postmortem",
                "PM-" + id,
                "Timeline entry on PM-" + id,
                null,
                Map.of("entry", entry));
        return repo.timeline(id).stream()
                .filter(e -> e.id() == entry)
                .findFirst()
                .orElseThrow();
    }

    /**
     * Imports a chat log (Slack export day file, IRC log, plain "HH:MM nick: message" text) as timeline entries,
     * reading its local times in {@code zone} on {@code day}. All or nothing: a malformed line refuses the whole
     * file (400 naming the line).
     */
    public List<TimelineItem> importChat(
            long id,
            dev.kintsugi.postmortem.chatimport.ChatFormat format,
            String content,
            java.time.ZoneId zone,
            java.time.LocalDate day,
            String perspective) {
        visibleRow(id);
        if (format == null) {
            throw new InvalidInputException("format", "must be SLACK_EXPORT, IRC or PLAIN");
        }
        if (zone == null) {
            throw new InvalidInputException("zone", "the time zone of the log is needed to read its times");
        }
        java.time.LocalDate logDay = day;
        if (logDay == null) {
            if (format != dev.kintsugi.postmortem.chatimport.ChatFormat.SLACK_EXPORT) {
                throw new InvalidInputException("day", "give the day of the log: its lines only carry a time of day");
            }
            logDay = java.time.LocalDate.now(clock.withZone(zone));
        }
        var lines = chat.parse(format, content == null ? "" : content, zone, logDay);
        if (lines.isEmpty()) {
            throw new InvalidInputException("file", "no message found in the log");
        }
        EntrySource source = switch (format) {
            case SLACK_EXPORT -> EntrySource.SLACK;
            case IRC -> EntrySource.IRC;
            case PLAIN -> EntrySource.PLAIN;
        };
        String view = optional(perspective, "perspective", 128);
        return addEntries(
                id,
                lines.stream()
                        .map(l -> new TimelineItem(0, l.at(), l.author(), view, source, l.text()))
                        .toList());
    }

    /** Adds many entries at once (a chat import): all or nothing. */
    public List<TimelineItem> addEntries(long id, List<TimelineItem> entries) {
        visibleRow(id);
        for (TimelineItem e : entries) {
            repo.addEntry(
                    id,
                    e.occurredAt(),
                    limit(e.author(), "author", 128),
                    e.perspective(),
                    e.source(),
                    limit(e.body(), "body", MAX_TEXT));
        }
        audit.record(
                "postmortem.timeline-imported",
                "postmortem",
                "PM-" + id,
                entries.size() + " entries imported into PM-" + id,
                null,
                Map.of("entries", entries.size()));
        return repo.timeline(id);
    }

    public TimelineItem editEntry(long id, long entryId, Instant at, String author, String perspective, String body) {
        visibleRow(id);
        TimelineItem before = entry(id, entryId);
        String text = required(body, "body", MAX_TEXT);
        repo.updateEntry(
                id,
                entryId,
                at == null ? before.occurredAt() : at,
                blank(author) ? before.author() : limit(author.trim(), "author", 128),
                optional(perspective, "perspective", 128),
                text);
        TimelineItem after = entry(id, entryId);
        audit.record(
                "postmortem.timeline-edited",
                "postmortem",
                "PM-" + id,
                "Timeline entry " + entryId + " of PM-" + id,
                before,
                after);
        return after;
    }

    public void deleteEntry(long id, long entryId) {
        visibleRow(id);
        TimelineItem before = entry(id, entryId);
        repo.deleteEntry(id, entryId);
        audit.record(
                "postmortem.timeline-deleted",
                "postmortem",
                "PM-" + id,
                "Timeline entry " + entryId + " of PM-" + id,
                before,
                null);
    }

    private TimelineItem entry(long id, long entryId) {
        return repo.timeline(id).stream()
                .filter(e -> e.id() == entryId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Timeline entry", entryId));
    }

    @Transactional(readOnly = true)
    public List<TimelineItem> timeline(long id) {
        visibleRow(id);
        return repo.timeline(id);
    }

    public Comment comment(long id, String field, String body) {
        visibleRow(id);
        String text = required(body, "body", 10_000);
        long c = repo.addComment(id, Actor.current(), optional(field, "field", 40), text, clock.instant());
        audit.record(
                "postmortem.commented", "postmortem", "PM-" + id, "Comment on PM-" + id, null, Map.of("comment", c));
        return repo.comments(id).stream().filter(x -> x.id() == c).findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Comment> comments(long id) {
        visibleRow(id);
        return repo.comments(id);
    }

    // ---- images ----

    /** Stores an image after checking its real type (PNG, JPEG, GIF, WebP) and size; SVG is refused (scripts). */
    public Image addImage(long id, String filename, byte[] data, int maxBytes) {
        visibleRow(id);
        if (data == null || data.length == 0) {
            throw new InvalidInputException("file", "the file is empty");
        }
        if (data.length > maxBytes) {
            throw new dev.kintsugi.platform.PayloadTooLargeException(
                    "Images are limited to " + (maxBytes / 1024) + " KiB; this one is " + (data.length / 1024) + " KiB",
                    maxBytes);
        }
        String type = Image.sniff(data);
        if (type == null) {
            throw new InvalidInputException("file", "only PNG, JPEG, GIF and WebP images are accepted");
        }
        String name = blank(filename) ? "image" : filename.replaceAll("[^A-Za-z0-9._ -]", "_");
        name = name.length() > 200 ? name.substring(0, 200) : name;
        long imageId = repo.addImage(id, name, type, data, Actor.current(), clock.instant());
        audit.record(
                "postmortem.image-added",
                "postmortem",
                "PM-" + id,
                "Image " + name + " on PM-" + id,
                null,
                Map.of("image", imageId, "bytes", data.length, "type", type));
        return repo.images(id).stream()
                .filter(i -> i.id() == imageId)
                .findFirst()
                .orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Image> images(long id) {
        visibleRow(id);
        return repo.images(id);
    }

    @Transactional(readOnly = true)
    public Image image(long id, long imageId) {
        visibleRow(id);
        return repo.image(id, imageId).orElseThrow(() -> new NotFoundException("Image", imageId));
    }

    // ---- revisions ----

    @Transactional(readOnly = true)
    public List<Revision> revisions(long id) {
        visibleRow(id);
        return repo.revisions(id);
    }

    @Transactional(readOnly = true)
    public PostmortemContent revision(long id, int number) {
        visibleRow(id);
        return repo.revisionContent(id, number)
                .map(s -> json.readValue(s, PostmortemContent.class))
                .orElseThrow(() -> new NotFoundException("Revision", number));
    }

    /** Field-by-field differences between two revisions; unchanged fields are left out. */
    @Transactional(readOnly = true)
    public List<FieldDiff> diff(long id, int from, int to) {
        PostmortemContent a = revision(id, from);
        PostmortemContent b = revision(id, to);
        Map<String, String> before = flatten(a);
        Map<String, String> after = flatten(b);
        Set<String> fields = new LinkedHashSet<>(before.keySet());
        fields.addAll(after.keySet());
        List<FieldDiff> diffs = new ArrayList<>();
        for (String f : fields) {
            String x = before.get(f);
            String y = after.get(f);
            if (!java.util.Objects.equals(x, y)) {
                diffs.add(FieldDiff.of(f, x, y));
            }
        }
        return diffs;
    }

    private static Map<String, String> flatten(PostmortemContent c) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("title", c.title());
        m.put("severity", c.severity());
        m.put("scheduled", String.valueOf(c.scheduled()));
        m.put("facilitator", c.facilitator());
        m.put("owner", c.owner());
        m.put("summary", c.summary());
        m.put("customerImpact", c.customerImpact());
        m.put("wentWell", c.wentWell());
        m.put("wasHard", c.wasHard());
        m.put("gotLucky", c.gotLucky());
        m.put("detection", c.detection());
        m.put("participants", String.join("\n", c.participants()));
        m.put("tags", String.join("\n", c.tags()));
        m.put("services", String.join("\n", c.services()));
        m.put(
                "factors",
                String.join(
                        "\n",
                        c.factors().stream()
                                .map(f -> f.category() + ": " + f.description())
                                .toList()));
        m.put(
                "decisions",
                String.join(
                        "\n",
                        c.decisions().stream()
                                .map(d -> d.decision() + " — why it made sense: "
                                        + (d.whyItMadeSense() == null ? "" : d.whyItMadeSense()))
                                .toList()));
        m.put(
                "links",
                String.join(
                        "\n",
                        c.links().stream()
                                .map(l -> l.kind() + " " + l.title() + " " + l.url())
                                .toList()));
        return m;
    }

    // ---- reading ----

    @Transactional(readOnly = true)
    public Postmortem get(long id) {
        PostmortemRepository.Row row = visibleRow(id);
        return view(row);
    }

    /** The current viewer's read access for list queries; null when they may read everything. */
    @Transactional(readOnly = true)
    public ReadAccess readAccess() {
        if (Actor.isSystem() || Actor.hasRole(Role.ADMIN)) {
            return null;
        }
        return new ReadAccess(Actor.current(), incidents.privateIncidentsHiddenFromViewer());
    }

    @Transactional(readOnly = true)
    public Optional<Postmortem> findForIncident(long incidentId) {
        return repo.idForIncident(incidentId).map(this::get);
    }

    /** For the incident module's closure rule: is this incident's post-mortem published? Not visibility-checked. */
    @Transactional(readOnly = true)
    public Optional<PostmortemStatus> statusForIncident(long incidentId) {
        return repo.idForIncident(incidentId).flatMap(repo::find).map(PostmortemRepository.Row::status);
    }

    @Transactional(readOnly = true)
    public Optional<Long> idForIncident(long incidentId) {
        return repo.idForIncident(incidentId);
    }

    Postmortem view(PostmortemRepository.Row row) {
        PostmortemContent content = repo.content(row.id(), serviceNames(row.id()));
        String incidentKey = null;
        Postmortem.Durations durations = Postmortem.Durations.NONE;
        if (row.incidentId() != null) {
            IncidentView incident = incidents.get(row.incidentId());
            incidentKey = incident.key();
            durations = durations(incident);
        }
        return new Postmortem(
                row.id(),
                row.incidentId(),
                incidentKey,
                row.origin(),
                row.status(),
                row.privateReview(),
                content,
                row.revision(),
                row.publishedRevision(),
                row.createdBy(),
                row.createdAt(),
                row.updatedAt(),
                row.publishedAt(),
                durations);
    }

    /** The incident's own durations, plus the customer impact: from its start to mitigation, else resolution. */
    static Postmortem.Durations durations(IncidentView i) {
        return new Postmortem.Durations(
                i.timeToDetect(),
                i.timeToMitigate(),
                i.timeToResolve(),
                i.timeToMitigate() != null ? i.timeToMitigate() : i.timeToResolve());
    }

    /** The row, if the viewer may see it: private post-mortems follow their incident's visibility. */
    PostmortemRepository.Row visibleRow(long id) {
        PostmortemRepository.Row row =
                repo.find(id).orElseThrow(() -> new NotFoundException("Post-mortem", "PM-" + id));
        if (row.incidentId() != null) {
            try {
                incidents.get(row.incidentId());
            } catch (NotFoundException e) {
                throw new NotFoundException("Post-mortem", "PM-" + id);
            }
        } else if (row.privateReview() && !Actor.isSystem() && !Actor.hasRole(Role.ADMIN)) {
            String me = Actor.current();
            PostmortemContent c = repo.content(id, List.of());
            if (!c.participants().contains(me)
                    && !me.equals(c.facilitator())
                    && !me.equals(c.owner())
                    && !me.equals(row.createdBy())) {
                throw new NotFoundException("Post-mortem", "PM-" + id);
            }
        }
        return row;
    }

    // ---- validation ----

    private PostmortemContent validate(PostmortemContent c) {
        List<String> participants = new ArrayList<>();
        for (String p : c.participants()) {
            participants.add(user(p, "participants"));
        }
        List<String> tags = new ArrayList<>();
        for (String t : c.tags()) {
            String tag = t == null ? "" : t.trim().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidInputException("tags", "'" + t + "' is not a tag (letters, digits, '.', '_', '-')");
            }
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        for (String s : c.services()) {
            if (catalog.findService(s).isEmpty()) {
                throw new InvalidInputException("services", "no service named '" + s + "'");
            }
        }
        for (int i = 0; i < c.factors().size(); i++) {
            var f = c.factors().get(i);
            if (f.category() == null) {
                throw new InvalidInputException(
                        "factors[" + i + "].category",
                        "must be one of " + java.util.Arrays.toString(FactorCategory.values()));
            }
            required(f.description(), "factors[" + i + "].description", MAX_TEXT);
        }
        for (int i = 0; i < c.decisions().size(); i++) {
            required(c.decisions().get(i).decision(), "decisions[" + i + "].decision", MAX_TEXT);
            optional(c.decisions().get(i).whyItMadeSense(), "decisions[" + i + "].whyItMadeSense", MAX_TEXT);
        }
        for (int i = 0; i < c.links().size(); i++) {
            var l = c.links().get(i);
            if (l.kind() == null) {
                throw new InvalidInputException(
                        "links[" + i + "].kind", "must be one of " + java.util.Arrays.toString(LinkKind.values()));
            }
            required(l.title(), "links[" + i + "].title", 200);
            url(l.url(), "links[" + i + "].url");
        }
        return new PostmortemContent(
                title(c.title()),
                severity(c.severity()),
                c.scheduled(),
                blank(c.facilitator()) ? null : user(c.facilitator(), "facilitator"),
                blank(c.owner()) ? null : user(c.owner(), "owner"),
                optional(c.summary(), "summary", MAX_TEXT),
                optional(c.customerImpact(), "customerImpact", MAX_TEXT),
                optional(c.wentWell(), "wentWell", MAX_TEXT),
                optional(c.wasHard(), "wasHard", MAX_TEXT),
                optional(c.gotLucky(), "gotLucky", MAX_TEXT),
                optional(c.detection(), "detection", MAX_TEXT),
                participants,
                tags,
                c.services().stream()
                        .map(s -> s.trim().toLowerCase(Locale.ROOT))
                        .distinct()
                        .toList(),
                c.factors(),
                c.decisions(),
                c.links());
    }

    private String user(String username, String field) {
        String u = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!users.exists(u)) {
            throw new InvalidInputException(field, "no user named '" + username + "'");
        }
        return u;
    }

    private List<Long> serviceIds(List<String> names) {
        return names.stream()
                .map(n -> catalog.findService(n)
                        .map(CatalogService::id)
                        .orElseThrow(() -> new InvalidInputException("services", "no service named '" + n + "'")))
                .toList();
    }

    private List<String> serviceNames(long id) {
        return catalog.servicesById(repo.serviceIds(id)).stream()
                .map(CatalogService::name)
                .toList();
    }

    private static String title(String title) {
        return required(title, "title", 200);
    }

    private static String severity(String severity) {
        if (blank(severity)) {
            return null;
        }
        String s = severity.trim().toUpperCase(Locale.ROOT);
        if (!s.matches("SEV[1-5]")) {
            throw new InvalidInputException("severity", "must be one of SEV1, SEV2, SEV3, SEV4, SEV5");
        }
        return s;
    }

    static String required(String value, String field, int max) {
        if (blank(value)) {
            throw new InvalidInputException(field, "must not be blank");
        }
        return limit(value.trim(), field, max);
    }

    static String optional(String value, String field, int max) {
        return blank(value) ? null : limit(value.trim(), field, max);
    }

    private static String limit(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters");
        }
        return value;
    }

    private static void url(String value, String field) {
        try {
            URI uri = URI.create(required(value, field, 1000));
            if (uri.getScheme() == null
                    || !(uri.getScheme().equalsIgnoreCase("http")
                            || uri.getScheme().equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be an http(s) URL");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String milestoneLabel(Milestone m) {
        String s = m.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
