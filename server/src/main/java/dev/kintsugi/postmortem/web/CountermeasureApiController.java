package dev.kintsugi.postmortem.web;

import dev.kintsugi.platform.PageResult;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.postmortem.CountermeasureChange;
import dev.kintsugi.postmortem.CountermeasureDraft;
import dev.kintsugi.postmortem.CountermeasureFilter;
import dev.kintsugi.postmortem.CountermeasureKind;
import dev.kintsugi.postmortem.CountermeasurePriority;
import dev.kintsugi.postmortem.CountermeasureStatus;
import dev.kintsugi.postmortem.CountermeasureView;
import dev.kintsugi.postmortem.Countermeasures;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Countermeasures: VIEWER reads, RESPONDER creates and changes them. */
@RestController
@Tag(name = "Countermeasures", description = "Changes that make a failure less likely, owned and tracked to done")
class CountermeasureApiController {
    private static final String READ = "hasRole('VIEWER')";
    private static final String ACT = "hasRole('RESPONDER')";

    private final Countermeasures countermeasures;

    CountermeasureApiController(Countermeasures countermeasures) {
        this.countermeasures = countermeasures;
    }

    record NewCountermeasure(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 50_000) String description,
            @NotNull CountermeasureKind kind,
            @Size(max = 64) String ownerUser,
            @Size(max = 64) String ownerTeam,
            @NotNull LocalDate dueDate,
            CountermeasurePriority priority,
            @Size(max = 64) String ticketKey,
            @Size(max = 500) String ticketUrl,
            @Size(max = 200) String experiment) {}

    /** Absent fields stay as they are; an empty string clears an optional one. */
    record CountermeasurePatch(
            @Size(min = 1, max = 200) String title,
            @Size(max = 50_000) String description,
            CountermeasureKind kind,
            @Size(max = 64) String ownerUser,
            @Size(max = 64) String ownerTeam,
            LocalDate dueDate,
            CountermeasurePriority priority,
            @Size(max = 64) String ticketKey,
            @Size(max = 500) String ticketUrl,
            @Size(max = 200) String experiment,
            CountermeasureStatus status,
            @Size(max = 2000) String reason) {}

    @GetMapping("/api/v1/countermeasures")
    @PreAuthorize(READ)
    @Operation(summary = "Countermeasures across the organisation, active and soonest due first")
    PageResult<CountermeasureView> list(
            @RequestParam(required = false) String team,
            @RequestParam(required = false) CountermeasureStatus status,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) CountermeasureKind kind,
            @RequestParam(required = false) String owner,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return countermeasures.list(new CountermeasureFilter(team, status, overdue, kind, owner, null), page, size);
    }

    @GetMapping("/api/v1/postmortems/{id}/countermeasures")
    @PreAuthorize(READ)
    @Operation(summary = "A post-mortem's countermeasures")
    List<CountermeasureView> ofPostmortem(@PathVariable long id) {
        return countermeasures.of(id);
    }

    @PostMapping("/api/v1/postmortems/{id}/countermeasures")
    @PreAuthorize(ACT)
    @Operation(summary = "Add a countermeasure; one that only asks people to try harder is refused (400 on title)")
    ResponseEntity<CountermeasureView> create(@PathVariable long id, @Valid @RequestBody NewCountermeasure body) {
        CountermeasureView c = countermeasures.create(
                id,
                new CountermeasureDraft(
                        body.title(),
                        body.description(),
                        body.kind(),
                        body.ownerUser(),
                        body.ownerTeam(),
                        body.dueDate(),
                        body.priority(),
                        body.ticketKey(),
                        body.ticketUrl(),
                        body.experiment()));
        return ResponseEntity.created(URI.create("/api/v1/countermeasures/" + c.id()))
                .eTag(Versions.etag(c.version()))
                .body(c);
    }

    @GetMapping("/api/v1/countermeasures/{id}")
    @PreAuthorize(READ)
    @Operation(summary = "One countermeasure, with its version as ETag")
    ResponseEntity<CountermeasureView> get(@PathVariable long id) {
        return ApiVersions.ok(countermeasures.get(id), CountermeasureView::version);
    }

    @PatchMapping("/api/v1/countermeasures/{id}")
    @PreAuthorize(ACT)
    @Operation(
            summary = "Change fields and/or the status (WONT_DO needs a reason of 10+ characters)",
            description = "Send If-Match with the ETag from GET: a change made since you read it answers 412 and"
                    + " nothing is written. A write that loses a race with another answers 409: read again, retry.")
    ResponseEntity<CountermeasureView> patch(
            @PathVariable long id,
            @Parameter(description = "ETag of the countermeasure as you read it, e.g. \"3\"")
                    @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody CountermeasurePatch p) {
        Long expected = ApiVersions.expected(ifMatch);
        return ApiVersions.ok(
                countermeasures.change(
                        id,
                        expected,
                        new CountermeasureChange(
                                p.title(),
                                p.description(),
                                p.kind(),
                                p.ownerUser(),
                                p.ownerTeam(),
                                p.dueDate(),
                                p.priority(),
                                p.ticketKey(),
                                p.ticketUrl(),
                                p.experiment(),
                                p.status(),
                                p.reason())),
                CountermeasureView::version);
    }
}
