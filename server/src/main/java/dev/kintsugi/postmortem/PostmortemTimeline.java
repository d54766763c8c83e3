package dev.kintsugi.postmortem;

import static dev.kintsugi.postmortem.PostmortemInput.MAX_TEXT;
import static dev.kintsugi.postmortem.PostmortemInput.blank;
import static dev.kintsugi.postmortem.PostmortemInput.limit;
import static dev.kintsugi.postmortem.PostmortemInput.optional;
import static dev.kintsugi.postmortem.PostmortemInput.required;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.postmortem.PostmortemTimelineChanged.Change;
import dev.kintsugi.postmortem.chatimport.ChatFormat;
import dev.kintsugi.postmortem.chatimport.ChatLogParser;
import dev.kintsugi.postmortem.persistence.PostmortemTimelineRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The post-mortem's own timeline: entries added by hand or imported from a chat log, edited (changing an
 * entry's time reorders the timeline) and removed. Each entry has its own version (ETag).
 */
@Service
@Transactional
public class PostmortemTimeline {
    private final PostmortemTimelineRepository repo;
    private final PostmortemAccess access;
    private final ChatLogParser chat;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PostmortemTimeline(
            PostmortemTimelineRepository repo,
            PostmortemAccess access,
            ChatLogParser chat,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repo = repo;
        this.access = access;
        this.chat = chat;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<TimelineItem> timeline(long id) {
        access.visibleRow(id);
        return repo.timeline(id);
    }

    @Transactional(readOnly = true)
    public TimelineItem entry(long id, long entryId) {
        access.visibleRow(id);
        return find(id, entryId);
    }

    public TimelineItem addEntry(
            long id, Instant at, String author, String perspective, EntrySource source, String body) {
        PostmortemRefs refs = access.refs(id);
        if (at == null) {
            throw new InvalidInputException("occurredAt", "validation.required", "must be given");
        }
        String text = required(body, "body", MAX_TEXT);
        String who = blank(author) ? Actor.current() : limit(author.trim(), "author", 128);
        long entry = repo.add(
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
        TimelineItem added = find(id, entry);
        announce(refs, Change.ADDED, List.of(added));
        return added;
    }

    /**
     * Imports a chat log (Slack export day file, IRC log, plain "HH:MM nick: message" text) as timeline entries,
     * reading its local times in {@code zone} on {@code day}. All or nothing: a malformed line refuses the whole
     * file (400 naming the line).
     */
    public List<TimelineItem> importChat(
            long id, ChatFormat format, String content, ZoneId zone, LocalDate day, String perspective) {
        PostmortemRefs refs = access.refs(id);
        if (format == null) {
            throw new InvalidInputException(
                    "format", "postmortem.validation.format", "must be SLACK_EXPORT, IRC or PLAIN");
        }
        if (zone == null) {
            throw new InvalidInputException(
                    "zone", "postmortem.validation.logZone", "the time zone of the log is needed to read its times");
        }
        LocalDate logDay = day;
        if (logDay == null) {
            if (format != ChatFormat.SLACK_EXPORT) {
                throw new InvalidInputException(
                        "day",
                        "postmortem.validation.logDay",
                        "give the day of the log: its lines only carry a time of day");
            }
            logDay = LocalDate.now(clock.withZone(zone));
        }
        var lines = chat.parse(format, content == null ? "" : content, zone, logDay);
        if (lines.isEmpty()) {
            throw new InvalidInputException("file", "postmortem.validation.emptyLog", "no message found in the log");
        }
        EntrySource source = switch (format) {
            case SLACK_EXPORT -> EntrySource.SLACK;
            case IRC -> EntrySource.IRC;
            case PLAIN -> EntrySource.PLAIN;
        };
        String view = optional(perspective, "perspective", 128);
        List<TimelineItem> added = new ArrayList<>();
        for (var l : lines) {
            long entry = repo.add(
                    id, l.at(), limit(l.author(), "author", 128), view, source, limit(l.text(), "body", MAX_TEXT));
            added.add(find(id, entry));
        }
        audit.record(
                "postmortem.timeline-imported",
                "postmortem",
                "PM-" + id,
                added.size() + " entries imported into PM-" + id,
                null,
                Map.of("entries", added.size()));
        announce(refs, Change.IMPORTED, added);
        return repo.timeline(id);
    }

    /** Edits an entry; {@code expectedVersion} (from {@code If-Match}) answers 412 if it changed since. */
    public TimelineItem editEntry(
            long id, long entryId, Long expectedVersion, Instant at, String author, String perspective, String body) {
        PostmortemRefs refs = access.refs(id);
        TimelineItem before = find(id, entryId);
        Versions.require(expectedVersion, before.version(), "Timeline entry " + entryId);
        String text = required(body, "body", MAX_TEXT);
        int updated = repo.update(
                id,
                entryId,
                before.version(),
                at == null ? before.occurredAt() : at,
                blank(author) ? before.author() : limit(author.trim(), "author", 128),
                optional(perspective, "perspective", 128),
                text);
        requireUpdated(updated, entryId);
        TimelineItem after = find(id, entryId);
        audit.record(
                "postmortem.timeline-edited",
                "postmortem",
                "PM-" + id,
                "Timeline entry " + entryId + " of PM-" + id,
                before,
                after);
        announce(refs, Change.EDITED, List.of(after));
        return after;
    }

    /**
     * Keeps an entry in the curated story (read page, exports) or drops it (still visible to the editors);
     * {@code expectedVersion} (from {@code If-Match}) answers 412 if it changed since.
     */
    public TimelineItem keepEntry(long id, long entryId, Long expectedVersion, boolean kept) {
        PostmortemRefs refs = access.refs(id);
        TimelineItem before = find(id, entryId);
        Versions.require(expectedVersion, before.version(), "Timeline entry " + entryId);
        if (before.kept() == kept) {
            return before;
        }
        requireUpdated(repo.keep(id, entryId, before.version(), kept), entryId);
        TimelineItem after = find(id, entryId);
        audit.record(
                kept ? "postmortem.timeline-kept" : "postmortem.timeline-dropped",
                "postmortem",
                "PM-" + id,
                "Timeline entry " + entryId + " of PM-" + id + (kept ? " kept" : " dropped"),
                Map.of("kept", before.kept()),
                Map.of("kept", kept));
        announce(refs, Change.EDITED, List.of(after));
        return after;
    }

    /** The curated story: the kept entries only, ordered by time (read page for viewers, exports). */
    @Transactional(readOnly = true)
    public List<TimelineItem> keptTimeline(long id) {
        return timeline(id).stream().filter(TimelineItem::kept).toList();
    }

    public void deleteEntry(long id, long entryId, Long expectedVersion) {
        PostmortemRefs refs = access.refs(id);
        TimelineItem before = find(id, entryId);
        Versions.require(expectedVersion, before.version(), "Timeline entry " + entryId);
        requireUpdated(repo.delete(id, entryId, before.version()), entryId);
        audit.record(
                "postmortem.timeline-deleted",
                "postmortem",
                "PM-" + id,
                "Timeline entry " + entryId + " of PM-" + id,
                before,
                null);
        announce(refs, Change.REMOVED, List.of(before));
    }

    private void announce(PostmortemRefs refs, Change change, List<TimelineItem> entries) {
        events.publishEvent(new PostmortemTimelineChanged(refs, change, entries, Actor.current(), clock.instant()));
    }

    private static void requireUpdated(int rows, long entryId) {
        if (rows == 0) {
            throw new ConflictException(
                    "postmortem.conflict.entryChanged",
                    "Timeline entry " + entryId + " was changed by someone else meanwhile; reload and try again",
                    Map.of("field", "version"),
                    String.valueOf(entryId));
        }
    }

    private TimelineItem find(long id, long entryId) {
        return repo.find(id, entryId).orElseThrow(() -> new NotFoundException("Timeline entry", entryId));
    }
}
