package dev.kintsugi.postmortem.web;

import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.postmortem.ReviewMeeting;
import dev.kintsugi.postmortem.ReviewMeetings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/postmortems/{id}/review-meeting}: RESPONDER plans it, VIEWER reads it and its invitation. */
@RestController
@Tag(name = "Post-mortem review meeting", description = "Date, attendees, notes and the .ics invitation")
class ReviewMeetingApiController {
    private final ReviewMeetings meetings;

    ReviewMeetingApiController(ReviewMeetings meetings) {
        this.meetings = meetings;
    }

    record MeetingRequest(
            @NotNull OffsetDateTime startsAt,
            @Min(5) @Max(480) Integer durationMinutes,
            @Size(max = 300) String location,
            @Size(max = 100) List<@Size(max = 200) String> attendees,
            @Size(max = 50_000) String notes) {}

    @PutMapping("/api/v1/postmortems/{id}/review-meeting")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(
            summary = "Plan or move the review meeting",
            description = "Send If-Match with the ETag from GET to be refused (412) if it changed since you read it")
    ResponseEntity<ReviewMeeting> put(
            @PathVariable long id,
            @Parameter(description = "ETag of the meeting as you read it, e.g. \"2\"")
                    @RequestHeader(name = Versions.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody MeetingRequest r) {
        Long expected = ApiVersions.expected(ifMatch);
        return ApiVersions.ok(
                meetings.plan(
                        id,
                        expected,
                        r.startsAt().toInstant(),
                        r.durationMinutes(),
                        r.location(),
                        r.attendees(),
                        r.notes()),
                ReviewMeeting::version);
    }

    @GetMapping("/api/v1/postmortems/{id}/review-meeting")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The review meeting, with its version as ETag")
    ResponseEntity<ReviewMeeting> get(@PathVariable long id) {
        return ApiVersions.ok(
                meetings.find(id).orElseThrow(() -> new NotFoundException("Review meeting of", "PM-" + id)),
                ReviewMeeting::version);
    }

    @GetMapping("/api/v1/postmortems/{id}/review-meeting.ics")
    @PreAuthorize("hasRole('VIEWER')")
    ResponseEntity<String> ics(@PathVariable long id) {
        return ReviewMeetingController.calendar(id, meetings);
    }
}
