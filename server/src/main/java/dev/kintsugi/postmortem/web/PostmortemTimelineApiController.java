package dev.kintsugi.postmortem.web;

import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.postmortem.EntrySource;
import dev.kintsugi.postmortem.PostmortemTimeline;
import dev.kintsugi.postmortem.TimelineItem;
import dev.kintsugi.postmortem.chatimport.ChatFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/postmortems/{id}/timeline}: the post-mortem's own timeline. VIEWER reads, RESPONDER writes. */
@RestController
@RequestMapping("/api/v1/postmortems/{id}/timeline")
@Tag(name = "Post-mortems", description = "Blameless reviews: write, review, publish")
class PostmortemTimelineApiController {
    private static final String READ = "hasRole('VIEWER')";
    private static final String WRITE = "hasRole('RESPONDER')";
    private static final String IF_MATCH_DOC = "ETag of the entry as you read it, e.g. \"2\"";

    private final PostmortemTimeline timeline;

    PostmortemTimelineApiController(PostmortemTimeline timeline) {
        this.timeline = timeline;
    }

    record EntryRequest(
            @NotNull OffsetDateTime occurredAt,
            @Size(max = 128) String author,
            @Size(max = 128) String perspective,
            @NotBlank @Size(max = 50_000) String body) {}

    @GetMapping
    @PreAuthorize(READ)
    @Operation(
            summary = "The post-mortem's own timeline, ordered by time",
            description = "Every entry, kept and dropped; kept=true for the curated story only")
    List<TimelineItem> timeline(@PathVariable long id, @RequestParam(required = false) Boolean kept) {
        List<TimelineItem> all = timeline.timeline(id);
        return kept == null ? all : all.stream().filter(e -> e.kept() == kept).toList();
    }

    @GetMapping("/{entryId}")
    @PreAuthorize(READ)
    @Operation(summary = "One timeline entry, with its version as ETag")
    ResponseEntity<TimelineItem> entry(@PathVariable long id, @PathVariable long entryId) {
        return ApiVersions.ok(timeline.entry(id, entryId), TimelineItem::version);
    }

    @PostMapping
    @PreAuthorize(WRITE)
    @Operation(summary = "Add a timeline entry (time, author, perspective)")
    ResponseEntity<TimelineItem> addEntry(@PathVariable long id, @Valid @RequestBody EntryRequest r) {
        TimelineItem e = timeline.addEntry(
                id, r.occurredAt().toInstant(), r.author(), r.perspective(), EntrySource.MANUAL, r.body());
        return ResponseEntity.created(URI.create("/api/v1/postmortems/" + id + "/timeline/" + e.id()))
                .eTag(Versions.etag(e.version()))
                .body(e);
    }

    @PutMapping("/{entryId}")
    @PreAuthorize(WRITE)
    @Operation(
            summary = "Edit an entry; changing its time reorders the timeline",
            description = "412 if If-Match is stale, 409 if someone else changed it at the same moment")
    ResponseEntity<TimelineItem> editEntry(
            @PathVariable long id,
            @PathVariable long entryId,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody EntryRequest r) {
        Long expected = ApiVersions.expected(ifMatch);
        return ApiVersions.ok(
                timeline.editEntry(
                        id, entryId, expected, r.occurredAt().toInstant(), r.author(), r.perspective(), r.body()),
                TimelineItem::version);
    }

    record KeptRequest(@NotNull Boolean kept) {}

    @PutMapping("/{entryId}/kept")
    @PreAuthorize(WRITE)
    @Operation(
            summary = "Keep an entry in the curated story (read page, exports) or drop it",
            description = "Entries brought over from the incident start kept if pinned or a milestone, dropped"
                    + " otherwise; dropped ones stay visible to editors. 412 if If-Match is stale")
    ResponseEntity<TimelineItem> keepEntry(
            @PathVariable long id,
            @PathVariable long entryId,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody KeptRequest r) {
        return ApiVersions.ok(
                timeline.keepEntry(id, entryId, ApiVersions.expected(ifMatch), r.kept()), TimelineItem::version);
    }

    @DeleteMapping("/{entryId}")
    @PreAuthorize(WRITE)
    @Operation(summary = "Remove an entry (412 if If-Match is stale)")
    ResponseEntity<Void> deleteEntry(
            @PathVariable long id,
            @PathVariable long entryId,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch) {
        timeline.deleteEntry(id, entryId, ApiVersions.expected(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/import", consumes = "multipart/form-data")
    @PreAuthorize(WRITE)
    @Operation(summary = "Import a chat log (SLACK_EXPORT day file, IRC, PLAIN) read in the given zone; all or nothing")
    ResponseEntity<List<TimelineItem>> importChat(
            @PathVariable long id,
            @RequestParam("file") MultipartFile file,
            @RequestParam ChatFormat format,
            @RequestParam String zone,
            @RequestParam(required = false) LocalDate day,
            @RequestParam(required = false) String perspective)
            throws IOException {
        ZoneId zoneId;
        try {
            zoneId = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("zone", "validation.notAZone", "'" + zone + "' is not a time zone", zone);
        }
        String content = new String(file.getBytes(), StandardCharsets.UTF_8);
        return ResponseEntity.status(201).body(timeline.importChat(id, format, content, zoneId, day, perspective));
    }
}
