package dev.kintsugi.gameday.web;

import dev.kintsugi.gameday.CheckView;
import dev.kintsugi.gameday.GameDayDebrief;
import dev.kintsugi.gameday.GameDayMode;
import dev.kintsugi.gameday.GameDayPlan;
import dev.kintsugi.gameday.GameDayPlay;
import dev.kintsugi.gameday.GameDayRole;
import dev.kintsugi.gameday.GameDayView;
import dev.kintsugi.gameday.GameDays;
import dev.kintsugi.gameday.ParticipantView;
import dev.kintsugi.gameday.Readiness;
import dev.kintsugi.gameday.ResponseKind;
import dev.kintsugi.gameday.ResponseView;
import dev.kintsugi.gameday.Scoring;
import dev.kintsugi.gameday.TeamView;
import dev.kintsugi.gameday.TimelineItem;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
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
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Game days: plans, teams, roles, checklist, the heroes' response, the scoreboard, the debrief (injects:
 * {@link GameDayInjectApiController}; invitations and ideas: {@link GameDayInvitationApiController}). Reads need
 * a login; writes need {@code RESPONDER}, and the game-day role the facade checks (blind mode is applied there).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Game days", description = "Rehearse disasters together: villains, heroes and a live scoreboard")
class GameDayApiController {
    private final GameDays days;
    private final GameDayPlay play;
    private final GameDayDebrief debrief;

    GameDayApiController(GameDays days, GameDayPlay play, GameDayDebrief debrief) {
        this.days = days;
        this.play = play;
        this.debrief = debrief;
    }

    record PlanRequest(
            String title,
            String story,
            GameDayMode mode,
            Instant startsAt,
            Integer durationMinutes,
            String environment,
            List<String> services,
            String hypotheses,
            String objectives) {
        GameDayPlan toPlan() {
            return new GameDayPlan(
                    title, story, mode, startsAt, durationMinutes, environment, services, hypotheses, objectives);
        }
    }

    record TeamRequest(String name) {}

    record ParticipantRequest(GameDayRole role, Long teamId) {}

    record ResponseRequest(ResponseKind kind, String title, String body, Severity severity) {}

    record VerdictRequest(Boolean correct) {}

    record HintRequest(Long teamId, String body) {}

    record CloneRequest(Instant startsAt) {}

    record PostmortemResponse(String postmortem) {}

    private static ResponseEntity<GameDayView> ok(GameDayView v) {
        return ResponseEntity.ok().eTag(Versions.etag(v.version())).body(v);
    }

    @GetMapping("/gamedays")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Game days, latest first")
    List<GameDayView> list(@RequestParam(defaultValue = "100") int limit) {
        return days.list(limit);
    }

    @PostMapping("/gamedays")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Plan a game day (its author becomes its facilitator)")
    ResponseEntity<GameDayView> plan(@RequestBody PlanRequest request) {
        GameDayView v = days.plan(ApiRequests.required(request, "title").toPlan());
        URI location = ServletUriComponentsBuilder.fromCurrentRequest()
                .path("/{id}")
                .buildAndExpand(v.id())
                .toUri();
        return ResponseEntity.created(location).eTag(Versions.etag(v.version())).body(v);
    }

    @GetMapping("/gamedays/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One game day (in blind mode a hero sees no story nor hypotheses until the reveal)")
    ResponseEntity<GameDayView> get(@PathVariable long id) {
        return ok(days.get(id));
    }

    @PutMapping("/gamedays/{id}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Change the plan (facilitator, while planned; If-Match)")
    ResponseEntity<GameDayView> update(
            @PathVariable long id,
            @RequestBody PlanRequest request,
            @RequestHeader(value = Versions.IF_MATCH, required = false) String ifMatch) {
        return ok(days.update(id, ApiRequests.required(request, "title").toPlan(), Versions.expected(ifMatch)));
    }

    @PostMapping("/gamedays/{id}/start")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "PLANNED → RUNNING (facilitator); scheduled injects are set")
    ResponseEntity<GameDayView> start(
            @PathVariable long id, @RequestHeader(value = Versions.IF_MATCH, required = false) String ifMatch) {
        return ok(play.start(id, Versions.expected(ifMatch)));
    }

    @PostMapping("/gamedays/{id}/end")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "RUNNING → ENDED (facilitator): stops every inject and run, reverts their faults")
    ResponseEntity<GameDayView> end(
            @PathVariable long id, @RequestHeader(value = Versions.IF_MATCH, required = false) String ifMatch) {
        return ok(play.end(id, Versions.expected(ifMatch)));
    }

    @PostMapping("/gamedays/{id}/reveal")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Show the whole scenario to the heroes (facilitator)")
    ResponseEntity<GameDayView> reveal(@PathVariable long id) {
        return ok(play.reveal(id));
    }

    @GetMapping("/gamedays/{id}/teams")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The teams of heroes")
    List<TeamView> teams(@PathVariable long id) {
        return days.teams(id);
    }

    @PostMapping("/gamedays/{id}/teams")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Add a team of heroes (facilitator)")
    ResponseEntity<TeamView> addTeam(@PathVariable long id, @RequestBody TeamRequest request) {
        return ResponseEntity.status(201)
                .body(days.addTeam(id, ApiRequests.required(request, "name").name()));
    }

    @GetMapping("/gamedays/{id}/participants")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Who plays which role")
    List<ParticipantView> participants(@PathVariable long id) {
        return days.participants(id);
    }

    @PutMapping("/gamedays/{id}/participants/{username}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Give someone a role (facilitator); a HERO needs a teamId")
    ParticipantView assign(
            @PathVariable long id, @PathVariable String username, @RequestBody ParticipantRequest request) {
        ParticipantRequest r = ApiRequests.required(request, "role");
        return days.assign(id, username, r.role(), r.teamId());
    }

    @DeleteMapping("/gamedays/{id}/participants/{username}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Remove someone from the game day (facilitator)")
    ResponseEntity<Void> unassign(@PathVariable long id, @PathVariable String username) {
        days.unassign(id, username);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/gamedays/{id}/checks")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The readiness checklist, with who ticked what when")
    List<CheckView> checks(@PathVariable long id) {
        return days.checks(id);
    }

    @PostMapping("/gamedays/{id}/checks/{item}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Tick a readiness item (facilitator, villain, observer)")
    List<CheckView> tick(@PathVariable long id, @PathVariable Readiness item) {
        return days.tick(id, item);
    }

    @GetMapping("/gamedays/{id}/responses")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "What the teams recorded (a hero sees their own team's)")
    List<ResponseView> responses(@PathVariable long id) {
        return play.responses(id);
    }

    @PostMapping("/gamedays/{id}/responses")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(
            summary =
                    "A hero records for their team: DECLARED (an incident), HYPOTHESIS, FINDING, DETECTED, DIAGNOSIS, MITIGATED")
    ResponseEntity<ResponseView> respond(@PathVariable long id, @RequestBody ResponseRequest request) {
        ResponseRequest r = ApiRequests.required(request, "kind");
        return ResponseEntity.status(201).body(play.respond(id, r.kind(), r.title(), r.body(), r.severity()));
    }

    @PostMapping("/gamedays/{id}/responses/{responseId}/verdict")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Judge a diagnosis (facilitator)")
    ResponseView verdict(@PathVariable long id, @PathVariable long responseId, @RequestBody VerdictRequest request) {
        VerdictRequest r = ApiRequests.required(request, "correct");
        if (r.correct() == null) {
            throw new InvalidInputException("correct", "validation.required", "must be given");
        }
        return play.judge(id, responseId, r.correct());
    }

    @PostMapping("/gamedays/{id}/hints")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Give a team a hint (facilitator; it costs points)")
    ResponseEntity<ResponseView> hint(@PathVariable long id, @RequestBody HintRequest request) {
        HintRequest r = ApiRequests.required(request, "teamId");
        if (r.teamId() == null) {
            throw new InvalidInputException("teamId", "validation.required", "must be given");
        }
        return ResponseEntity.status(201).body(play.hint(id, r.teamId(), r.body()));
    }

    @GetMapping("/gamedays/{id}/scoreboard")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Points per team, best first (the rubric: docs/gamedays.md)")
    List<Scoring.TeamScore> scoreboard(@PathVariable long id) {
        return play.scoreboard(id);
    }

    @GetMapping("/gamedays/{id}/timeline")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The debrief timeline: injects and faults against the teams' detections")
    List<TimelineItem> timeline(@PathVariable long id) {
        return debrief.timeline(id);
    }

    @PostMapping("/gamedays/{id}/postmortem")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "The game day's post-mortem draft (facilitator, once ended; once)")
    PostmortemResponse postmortem(@PathVariable long id) {
        return new PostmortemResponse(debrief.draftPostmortem(id));
    }

    @PostMapping("/gamedays/{id}/clone")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "A new plan like this one, to run it again and compare")
    ResponseEntity<GameDayView> cloneOf(@PathVariable long id, @RequestBody(required = false) CloneRequest request) {
        GameDayView v = debrief.cloneOf(id, request == null ? null : request.startsAt());
        return ResponseEntity.status(201).eTag(Versions.etag(v.version())).body(v);
    }
}
