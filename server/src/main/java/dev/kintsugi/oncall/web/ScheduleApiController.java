package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.OnCallShift;
import dev.kintsugi.oncall.Schedule;
import dev.kintsugi.oncall.ScheduleOverride;
import dev.kintsugi.oncall.ScheduleResolver.OnCall;
import dev.kintsugi.oncall.Schedules;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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

/** Schedules over HTTP: anyone logged in reads; the team's responders and admins change. */
@RestController
@RequestMapping("/api/v1/oncall")
@Tag(name = "On-call schedules", description = "Rotations, overrides, who is on call, iCalendar feeds")
class ScheduleApiController {
    private final Schedules schedules;
    private final KintsugiProperties kintsugi;
    private final Clock clock;

    ScheduleApiController(Schedules schedules, KintsugiProperties kintsugi, Clock clock) {
        this.schedules = schedules;
        this.kintsugi = kintsugi;
        this.clock = clock;
    }

    record OnCallResponse(Instant at, List<OnCall> onCall) {}

    record FeedResponse(String url) {}

    @GetMapping("/schedules")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "List the schedules, with who is on call now")
    List<ScheduleResponse> list() {
        return schedules.list().stream().map(this::describe).toList();
    }

    @PostMapping("/schedules")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Create a schedule (the team's responders and admins)")
    ResponseEntity<ScheduleResponse> create(@Valid @RequestBody ScheduleRequest request) {
        Schedule s = schedules.create(request.toDraft());
        return ResponseEntity.created(URI.create("/api/v1/oncall/schedules/" + s.name()))
                .eTag(Versions.etag(s.version()))
                .body(describe(s));
    }

    @GetMapping("/schedules/{name}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One schedule")
    ResponseEntity<ScheduleResponse> get(@PathVariable String name) {
        return ok(schedules.get(name));
    }

    @PutMapping("/schedules/{name}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Replace a schedule's name, zone and rotations (If-Match: its ETag)")
    ResponseEntity<ScheduleResponse> update(
            @PathVariable String name,
            @Valid @RequestBody ScheduleRequest request,
            @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        return ok(schedules.update(name, request.toDraft(), Versions.expected(ifMatch)));
    }

    @DeleteMapping("/schedules/{name}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Delete a schedule and its overrides")
    ResponseEntity<Void> delete(
            @PathVariable String name, @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        schedules.delete(name, Versions.expected(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/schedules/{name}/on-call")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Who is on call at an instant (now when at is absent)")
    OnCallResponse onCall(@PathVariable String name, @RequestParam(required = false) Instant at) {
        Instant t = at == null ? clock.instant() : at;
        return new OnCallResponse(t, schedules.onCallAt(schedules.get(name), t));
    }

    @GetMapping("/schedules/{name}/shifts")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The shifts in a range (at most 400 days), after layers and overrides")
    List<OnCallShift> shifts(
            @PathVariable String name,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        Instant f = from == null ? clock.instant() : from;
        Instant t = to == null ? f.plus(Duration.ofDays(14)) : to;
        return schedules.shifts(schedules.get(name), f, t);
    }

    @GetMapping("/schedules/{name}/overrides")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The schedule's overrides")
    List<OverrideResponse> overrides(@PathVariable String name) {
        return schedules.overrides(schedules.get(name)).stream()
                .map(OverrideResponse::of)
                .toList();
    }

    @PostMapping("/schedules/{name}/overrides")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Take a turn, swap two turns or cover a period")
    ResponseEntity<List<OverrideResponse>> override(@PathVariable String name, @Valid @RequestBody OverrideRequest r) {
        List<ScheduleOverride> made = switch (r.kind()) {
            case TAKE ->
                List.of(schedules.take(
                        name, required(r.rotation(), "rotation"), at(r.shiftAt(), "shiftAt"), r.coveringUser()));
            case SWAP ->
                schedules.swap(
                        name,
                        required(r.rotation(), "rotation"),
                        at(r.shiftAt(), "shiftAt"),
                        at(r.theirsAt(), "theirsAt"));
            case COVER -> List.of(schedules.cover(name, r.coveringUser(), at(r.start(), "start"), at(r.end(), "end")));
        };
        return ResponseEntity.status(201)
                .body(made.stream().map(OverrideResponse::of).toList());
    }

    @DeleteMapping("/schedules/{name}/overrides/{id}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Remove an override (both halves of a swap)")
    ResponseEntity<Void> removeOverride(@PathVariable String name, @PathVariable long id) {
        schedules.removeOverride(name, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/schedules/{name}/feed-rotation")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Make a new secret feed URL; the old one stops working")
    ResponseEntity<ScheduleResponse> rotateFeed(@PathVariable String name) {
        return ok(schedules.rotateFeed(name));
    }

    @GetMapping("/me/feed")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The secret URL of your own on-call feed (iCalendar)")
    FeedResponse myFeed() {
        return new FeedResponse(feedUrl(schedules.personFeedToken(Actor.current())));
    }

    @PostMapping("/me/feed-rotation")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Make a new secret URL for your own feed; the old one stops working")
    FeedResponse rotateMyFeed() {
        schedules.rotatePersonFeed();
        return myFeed();
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "oncall.invalid.required", "is required");
        }
        return value;
    }

    private static Instant at(OffsetDateTime t, String field) {
        if (t == null) {
            throw new InvalidInputException(field, "oncall.invalid.required", "is required");
        }
        return t.toInstant();
    }

    private ResponseEntity<ScheduleResponse> ok(Schedule s) {
        return ResponseEntity.ok().eTag(Versions.etag(s.version())).body(describe(s));
    }

    private ScheduleResponse describe(Schedule s) {
        String url = schedules.mayEdit(s) ? feedUrl(schedules.feedToken(s)) : null;
        return ScheduleResponse.of(s, schedules.teamName(s), url);
    }

    String feedUrl(String token) {
        String base = dev.kintsugi.oncall.notify.Links.base(kintsugi);
        return base + "/webhooks/oncall/feeds/" + token + ".ics";
    }
}
