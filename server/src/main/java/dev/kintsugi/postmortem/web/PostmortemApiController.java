package dev.kintsugi.postmortem.web;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.postmortem.BlamelessReview;
import dev.kintsugi.postmortem.Comment;
import dev.kintsugi.postmortem.EntrySource;
import dev.kintsugi.postmortem.FieldDiff;
import dev.kintsugi.postmortem.FieldFinding;
import dev.kintsugi.postmortem.Image;
import dev.kintsugi.postmortem.Origin;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.postmortem.PostmortemProperties;
import dev.kintsugi.postmortem.PostmortemStatus;
import dev.kintsugi.postmortem.Revision;
import dev.kintsugi.postmortem.TimelineItem;
import dev.kintsugi.postmortem.chatimport.ChatFormat;
import dev.kintsugi.postmortem.language.Finding;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/postmortems}: VIEWER reads, RESPONDER writes; publishing is for the facilitator or owner. */
@RestController
@RequestMapping("/api/v1/postmortems")
@Tag(name = "Post-mortems", description = "Blameless reviews: write, review, publish")
class PostmortemApiController {
    private static final String READ = "hasRole('VIEWER')";
    private static final String WRITE = "hasRole('RESPONDER')";

    private final PostmortemManagement postmortems;
    private final IncidentManagement incidents;
    private final PostmortemProperties properties;
    private final BlamelessReview review;

    PostmortemApiController(
            PostmortemManagement postmortems,
            IncidentManagement incidents,
            PostmortemProperties properties,
            BlamelessReview review) {
        this.postmortems = postmortems;
        this.incidents = incidents;
        this.properties = properties;
        this.review = review;
    }

    record StartRequest(
            @NotNull Origin origin,
            @NotBlank @Size(max = 200) String title,
            String severity,
            Boolean privateReview) {}

    record ContentRequest(
            Integer basedOnRevision, @NotNull @Valid PostmortemContent content) {}

    record TransitionRequest(
            @NotNull PostmortemStatus to, @Size(max = 2000) String overrideReason) {}

    record EntryRequest(
            @NotNull OffsetDateTime occurredAt,
            @Size(max = 128) String author,
            @Size(max = 128) String perspective,
            @NotBlank @Size(max = 50_000) String body) {}

    record CommentRequest(
            @Size(max = 40) String field,
            @NotBlank @Size(max = 10_000) String body) {}

    record ImageResponse(long id, String filename, String contentType, int sizeBytes, String url) {
        static ImageResponse of(long postmortemId, Image i) {
            return new ImageResponse(
                    i.id(),
                    i.filename(),
                    i.contentType(),
                    i.sizeBytes(),
                    "/postmortems/" + postmortemId + "/images/" + i.id());
        }
    }

    record PostmortemResponse(
            long id,
            String key,
            String incident,
            Origin origin,
            PostmortemStatus status,
            List<PostmortemStatus> allowedNext,
            boolean privateReview,
            int revision,
            Integer publishedRevision,
            Instant publishedAt,
            Instant updatedAt,
            PostmortemContent content,
            Map<String, Long> durationsSeconds) {
        static PostmortemResponse of(Postmortem p) {
            Map<String, Long> d = new LinkedHashMap<>();
            d.put("undetected", seconds(p.durations().undetected()));
            d.put("toMitigate", seconds(p.durations().toMitigate()));
            d.put("toResolve", seconds(p.durations().toResolve()));
            d.put("customerImpact", seconds(p.durations().customerImpact()));
            return new PostmortemResponse(
                    p.id(),
                    p.key(),
                    p.incidentKey(),
                    p.origin(),
                    p.status(),
                    p.status().allowedNext().stream().sorted().toList(),
                    p.privateReview(),
                    p.revision(),
                    p.publishedRevision(),
                    p.publishedAt(),
                    p.updatedAt(),
                    p.content(),
                    d);
        }

        private static Long seconds(Duration d) {
            return d == null ? null : d.toSeconds();
        }
    }

    @PostMapping
    @PreAuthorize(WRITE)
    @Operation(summary = "Start a post-mortem without an incident (near miss, game day, external outage)")
    ResponseEntity<PostmortemResponse> start(@Valid @RequestBody StartRequest r) {
        Postmortem p = postmortems.start(r.origin(), r.title(), r.severity(), Boolean.TRUE.equals(r.privateReview()));
        return ResponseEntity.created(URI.create("/api/v1/postmortems/" + p.id()))
                .body(PostmortemResponse.of(p));
    }

    @GetMapping("/{id}")
    @PreAuthorize(READ)
    @Operation(summary = "One post-mortem, with durations computed from its incident's milestones")
    PostmortemResponse get(@PathVariable long id) {
        return PostmortemResponse.of(postmortems.get(id));
    }

    @GetMapping("/by-incident/{key}")
    @PreAuthorize(READ)
    @Operation(summary = "The post-mortem of an incident")
    PostmortemResponse byIncident(@PathVariable String key) {
        long incidentId = incidents.get(key).id();
        return PostmortemResponse.of(postmortems
                .findForIncident(incidentId)
                .orElseThrow(() -> new NotFoundException("Post-mortem of", key)));
    }

    @PutMapping("/{id}")
    @PreAuthorize(WRITE)
    @Operation(summary = "Save the content as a new revision; 409 if someone saved since basedOnRevision")
    PostmortemResponse update(@PathVariable long id, @Valid @RequestBody ContentRequest r) {
        return PostmortemResponse.of(postmortems.update(id, r.basedOnRevision(), r.content()));
    }

    @PostMapping("/{id}/transitions")
    @PreAuthorize(WRITE)
    @Operation(
            summary =
                    "DRAFT → IN_REVIEW (language findings block it unless overridden), IN_REVIEW → PUBLISHED or DRAFT")
    PostmortemResponse transition(@PathVariable long id, @Valid @RequestBody TransitionRequest r) {
        return PostmortemResponse.of(
                switch (r.to()) {
                    case IN_REVIEW -> postmortems.submitForReview(id, r.overrideReason());
                    case PUBLISHED -> postmortems.publish(id);
                    case DRAFT -> postmortems.sendBackToDraft(id);
                });
    }

    @GetMapping("/{id}/timeline")
    @PreAuthorize(READ)
    @Operation(summary = "The post-mortem's own timeline, ordered by time")
    List<TimelineItem> timeline(@PathVariable long id) {
        return postmortems.timeline(id);
    }

    @PostMapping("/{id}/timeline")
    @PreAuthorize(WRITE)
    @Operation(summary = "Add a timeline entry (time, author, perspective)")
    ResponseEntity<TimelineItem> addEntry(@PathVariable long id, @Valid @RequestBody EntryRequest r) {
        TimelineItem e = postmortems.addEntry(
                id, r.occurredAt().toInstant(), r.author(), r.perspective(), EntrySource.MANUAL, r.body());
        return ResponseEntity.created(URI.create("/api/v1/postmortems/" + id + "/timeline/" + e.id()))
                .body(e);
    }

    @PutMapping("/{id}/timeline/{entryId}")
    @PreAuthorize(WRITE)
    @Operation(summary = "Edit an entry; changing its time reorders the timeline")
    TimelineItem editEntry(@PathVariable long id, @PathVariable long entryId, @Valid @RequestBody EntryRequest r) {
        return postmortems.editEntry(id, entryId, r.occurredAt().toInstant(), r.author(), r.perspective(), r.body());
    }

    @DeleteMapping("/{id}/timeline/{entryId}")
    @PreAuthorize(WRITE)
    @Operation(summary = "Remove an entry")
    ResponseEntity<Void> deleteEntry(@PathVariable long id, @PathVariable long entryId) {
        postmortems.deleteEntry(id, entryId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/timeline/import", consumes = "multipart/form-data")
    @PreAuthorize(WRITE)
    @Operation(summary = "Import a chat log (SLACK_EXPORT day file, IRC, PLAIN) read in the given zone; all or nothing")
    ResponseEntity<List<TimelineItem>> importChat(
            @PathVariable long id,
            @RequestParam("file") MultipartFile file,
            @RequestParam ChatFormat format,
            @RequestParam String zone,
            @RequestParam(required = false) java.time.LocalDate day,
            @RequestParam(required = false) String perspective)
            throws IOException {
        java.time.ZoneId zoneId;
        try {
            zoneId = java.time.ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new dev.kintsugi.platform.InvalidInputException("zone", "'" + zone + "' is not a time zone");
        }
        String content = new String(file.getBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return ResponseEntity.status(201).body(postmortems.importChat(id, format, content, zoneId, day, perspective));
    }

    @GetMapping("/{id}/language-findings")
    @PreAuthorize(READ)
    @Operation(summary = "Counterfactual and blaming wording in the current content, with reframing prompts")
    List<FieldFinding> findings(@PathVariable long id) {
        return postmortems.languageFindings(id);
    }

    record TextRequest(@NotNull @Size(max = 50_000) String text) {}

    @PostMapping("/language-check")
    @PreAuthorize(READ)
    @Operation(summary = "Check any text (English and French rules) as it is being typed")
    List<Finding> check(@Valid @RequestBody TextRequest r) {
        return review.check(r.text());
    }

    @GetMapping("/{id}/comments")
    @PreAuthorize(READ)
    List<Comment> comments(@PathVariable long id) {
        return postmortems.comments(id);
    }

    @PostMapping("/{id}/comments")
    @PreAuthorize(WRITE)
    @Operation(summary = "A reviewer's comment, optionally on one field")
    ResponseEntity<Comment> comment(@PathVariable long id, @Valid @RequestBody CommentRequest r) {
        return ResponseEntity.status(201).body(postmortems.comment(id, r.field(), r.body()));
    }

    @GetMapping("/{id}/images")
    @PreAuthorize(READ)
    List<ImageResponse> images(@PathVariable long id) {
        return postmortems.images(id).stream().map(i -> ImageResponse.of(id, i)).toList();
    }

    @PostMapping(path = "/{id}/images", consumes = "multipart/form-data")
    @PreAuthorize(WRITE)
    @Operation(
            summary =
                    "Upload an image (PNG, JPEG, GIF, WebP; size-limited: 413 above kintsugi.postmortem.max-image-bytes)")
    ResponseEntity<ImageResponse> upload(@PathVariable long id, @RequestParam("file") MultipartFile file)
            throws IOException {
        Image image = postmortems.addImage(id, file.getOriginalFilename(), file.getBytes(), properties.maxImageBytes());
        return ResponseEntity.created(URI.create("/postmortems/" + id + "/images/" + image.id()))
                .body(ImageResponse.of(id, image));
    }

    @GetMapping("/{id}/revisions")
    @PreAuthorize(READ)
    @Operation(summary = "Every revision, newest first")
    List<Revision> revisions(@PathVariable long id) {
        return postmortems.revisions(id);
    }

    @GetMapping("/{id}/revisions/{number}")
    @PreAuthorize(READ)
    PostmortemContent revision(@PathVariable long id, @PathVariable int number) {
        return postmortems.revision(id, number);
    }

    @GetMapping("/{id}/diff")
    @PreAuthorize(READ)
    @Operation(summary = "Field-by-field differences between two revisions")
    List<FieldDiff> diff(@PathVariable long id, @RequestParam int from, @RequestParam int to) {
        return postmortems.diff(id, from, to);
    }
}
