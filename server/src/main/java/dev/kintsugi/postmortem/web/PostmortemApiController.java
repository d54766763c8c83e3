package dev.kintsugi.postmortem.web;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.postmortem.BlamelessReview;
import dev.kintsugi.postmortem.FieldDiff;
import dev.kintsugi.postmortem.FieldFinding;
import dev.kintsugi.postmortem.NotPublishable;
import dev.kintsugi.postmortem.Origin;
import dev.kintsugi.postmortem.Postmortem;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.PostmortemDrafts;
import dev.kintsugi.postmortem.PostmortemEditing;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.postmortem.PostmortemPublication;
import dev.kintsugi.postmortem.PostmortemStatus;
import dev.kintsugi.postmortem.ReviewDecision;
import dev.kintsugi.postmortem.Revision;
import dev.kintsugi.postmortem.language.Finding;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/postmortems}: VIEWER reads, RESPONDER writes; publishing is for the facilitator or owner. */
@RestController
@RequestMapping("/api/v1/postmortems")
@Tag(name = "Post-mortems", description = "Blameless reviews: write, review, publish")
class PostmortemApiController {
    private static final String READ = "hasRole('VIEWER')";
    private static final String WRITE = "hasRole('RESPONDER')";

    static final String IF_MATCH_DOC = "ETag of the post-mortem as you read it, e.g. \"3\"";

    private final PostmortemManagement postmortems;
    private final PostmortemDrafts drafts;
    private final PostmortemEditing editing;
    private final PostmortemPublication publication;
    private final IncidentManagement incidents;
    private final BlamelessReview review;

    PostmortemApiController(
            PostmortemManagement postmortems,
            PostmortemDrafts drafts,
            PostmortemEditing editing,
            PostmortemPublication publication,
            IncidentManagement incidents,
            BlamelessReview review) {
        this.postmortems = postmortems;
        this.drafts = drafts;
        this.editing = editing;
        this.publication = publication;
        this.incidents = incidents;
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
            @NotNull PostmortemStatus to,
            @Size(max = 2000) String overrideReason,
            @Size(max = 2000) String noCountermeasureReason) {}

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
            Map<String, Long> durationsSeconds,
            long version,
            boolean amending,
            String overrideReason,
            String noCountermeasureReason) {
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
                    d,
                    p.version(),
                    p.amending(),
                    p.overrideReason(),
                    p.noCountermeasureReason());
        }

        private static Long seconds(Duration d) {
            return d == null ? null : d.toSeconds();
        }
    }

    @PostMapping
    @PreAuthorize(WRITE)
    @Operation(summary = "Start a post-mortem without an incident (near miss, game day, external outage)")
    ResponseEntity<PostmortemResponse> start(@Valid @RequestBody StartRequest r) {
        Postmortem p = drafts.start(r.origin(), r.title(), r.severity(), Boolean.TRUE.equals(r.privateReview()));
        return ResponseEntity.created(URI.create("/api/v1/postmortems/" + p.id()))
                .eTag(Versions.etag(p.version()))
                .body(PostmortemResponse.of(p));
    }

    @GetMapping("/{id}")
    @PreAuthorize(READ)
    @Operation(summary = "One post-mortem, with durations computed from its incident's milestones")
    ResponseEntity<PostmortemResponse> get(@PathVariable long id) {
        return ok(postmortems.get(id));
    }

    @GetMapping("/by-incident/{key}")
    @PreAuthorize(READ)
    @Operation(summary = "The post-mortem of an incident")
    ResponseEntity<PostmortemResponse> byIncident(@PathVariable String key) {
        long incidentId = incidents.get(key).id();
        return ok(postmortems
                .findForIncident(incidentId)
                .orElseThrow(() -> new NotFoundException("Post-mortem of", key)));
    }

    @PutMapping("/{id}")
    @PreAuthorize(WRITE)
    @Operation(
            summary = "Save the content as a new revision",
            description = "Refused with 412 if If-Match (the ETag from GET) is stale, with 409 if someone saved since"
                    + " basedOnRevision; nothing is written then")
    ResponseEntity<PostmortemResponse> update(
            @PathVariable long id,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody ContentRequest r) {
        Long expected = ApiVersions.expected(ifMatch);
        return ok(editing.update(id, expected, r.basedOnRevision(), r.content()));
    }

    @PostMapping("/{id}/transitions")
    @PreAuthorize(WRITE)
    @Operation(
            summary =
                    "DRAFT → IN_REVIEW (language findings block it unless overridden), IN_REVIEW → PUBLISHED or DRAFT,"
                            + " PUBLISHED → DRAFT (amend)",
            description = "Publishing needs a summary, customerImpact, one factor and a countermeasure or a"
                    + " noCountermeasureReason: 400 naming each missing field in errors")
    ResponseEntity<PostmortemResponse> transition(
            @PathVariable long id,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody TransitionRequest r) {
        Long expected = ApiVersions.expected(ifMatch);
        return ok(publication.transition(id, expected, r.to(), r.overrideReason(), r.noCountermeasureReason()));
    }

    record ReviewRequest(
            @NotNull ReviewDecision.Kind decision,
            @Size(max = 50_000) String comment) {}

    @PostMapping("/{id}/reviews")
    @PreAuthorize(WRITE)
    @Operation(
            summary = "A reviewer approves the current revision in review, or requests changes (back to draft)",
            description = "Not the facilitator (409); CHANGES_REQUESTED needs a comment; publishing needs"
                    + " kintsugi.postmortem.required-approvals approvals of the current revision; honours If-Match")
    ResponseEntity<PostmortemResponse> review(
            @PathVariable long id,
            @Parameter(description = IF_MATCH_DOC) @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody ReviewRequest r) {
        Long expected = ApiVersions.expected(ifMatch);
        return ok(
                r.decision() == ReviewDecision.Kind.APPROVED
                        ? publication.approve(id, expected, r.comment())
                        : publication.requestChanges(id, expected, r.comment()));
    }

    @GetMapping("/{id}/reviews")
    @PreAuthorize(READ)
    @Operation(summary = "The reviewers' decisions with their comments, oldest first")
    List<ReviewDecision> reviews(@PathVariable long id) {
        return publication.reviews(id);
    }

    /** Not ready to publish: 400 problem details naming every missing field (not only the first). */
    @ExceptionHandler(NotPublishable.class)
    ResponseEntity<ProblemDetail> notPublishable(NotPublishable e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid input");
        p.setInstance(URI.create(request.getRequestURI()));
        p.setProperty("field", e.field());
        p.setProperty(
                "errors",
                e.missing().stream()
                        .map(m -> Map.of("field", m.field(), "message", m.message()))
                        .toList());
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }

    private static ResponseEntity<PostmortemResponse> ok(Postmortem p) {
        return ApiVersions.ok(PostmortemResponse.of(p), PostmortemResponse::version);
    }

    @GetMapping("/{id}/language-findings")
    @PreAuthorize(READ)
    @Operation(summary = "Counterfactual and blaming wording in the current content, with reframing prompts")
    List<FieldFinding> findings(@PathVariable long id) {
        return publication.languageFindings(id);
    }

    record TextRequest(@NotNull @Size(max = 50_000) String text) {}

    @PostMapping("/language-check")
    @PreAuthorize(READ)
    @Operation(summary = "Check any text (English and French rules) as it is being typed")
    List<Finding> check(@Valid @RequestBody TextRequest r) {
        return review.check(r.text());
    }

    @GetMapping("/{id}/revisions")
    @PreAuthorize(READ)
    @Operation(summary = "Every revision, newest first")
    List<Revision> revisions(@PathVariable long id) {
        return editing.revisions(id);
    }

    @GetMapping("/{id}/revisions/{number}")
    @PreAuthorize(READ)
    PostmortemContent revision(@PathVariable long id, @PathVariable int number) {
        return editing.revision(id, number);
    }

    @GetMapping("/{id}/diff")
    @PreAuthorize(READ)
    @Operation(summary = "Field-by-field differences between two revisions")
    List<FieldDiff> diff(@PathVariable long id, @RequestParam int from, @RequestParam int to) {
        return editing.diff(id, from, to);
    }
}
