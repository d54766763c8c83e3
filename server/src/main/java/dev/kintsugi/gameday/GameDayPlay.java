package dev.kintsugi.gameday;

import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Versions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Playing a game day: start (the injects' timers are set, {@link GameDayInjects}), the reveal, the heroes' response (incidents declared through {@code incident}, hypotheses, findings,
 * milestones, diagnoses), the facilitator's verdicts and hints, the scoreboard, and the end, which stops every
 * inject and every run the game day started and reverts their faults in place.
 */
@Service
@Transactional
public class GameDayPlay {
    private final GameDayAccess access;
    private final GameDayRepository rows;
    private final GameDayInjects injects;
    private final ChaosRuns runs;
    private final IncidentManagement incidents;

    GameDayPlay(GameDayAccess access, GameDayInjects injects, ChaosRuns runs, IncidentManagement incidents) {
        this.access = access;
        this.rows = access.rows;
        this.injects = injects;
        this.runs = runs;
        this.incidents = incidents;
    }

    // ---- the status machine ----

    public GameDayView start(long id, Long expectedVersion) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR);
        move(r, GameDayStatus.RUNNING, expectedVersion);
        Instant now = access.clock.instant();
        injects.scheduleAll(id, now);
        access.events.publishEvent(new GameDayStarted(id, r.title(), Set.copyOf(r.serviceIds()), Actor.current(), now));
        access.changed(access.row(id), "started", "Started game day " + id, null);
        return access.view(access.row(id));
    }

    /**
     * Ends the game day: pending injects are stopped, every run it started and still in progress is stopped (its
     * rollbacks run) and every fault those runs have in place is reverted now from chaos's journal.
     */
    public GameDayView end(long id, Long expectedVersion) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR);
        move(r, GameDayStatus.ENDED, expectedVersion);
        injects.stopPending(id);
        List<Long> stopped = new ArrayList<>();
        Actor.runAsSystem("game day " + id + " ended by " + Actor.current(), () -> {
            for (InjectView i : access.injectRows.of(id)) {
                if (i.runId() == null) {
                    continue;
                }
                if (runs.get(i.runId()).running()) {
                    runs.stop(i.runId(), "game day " + id + " ended");
                    stopped.add(i.runId());
                }
                runs.revertInPlace(i.runId());
            }
        });
        Instant now = access.clock.instant();
        access.events.publishEvent(new GameDayEnded(id, Set.copyOf(r.serviceIds()), stopped, Actor.current(), now));
        access.changed(access.row(id), "ended", "Ended game day " + id, Map.of("runsStopped", stopped));
        return access.view(access.row(id));
    }

    private void move(GameDayRepository.Row r, GameDayStatus to, Long expectedVersion) {
        if (!r.status().canMoveTo(to)) {
            throw new ConflictException(
                    "gameday.error.move",
                    "Game day " + r.id() + " cannot go from " + r.status() + " to " + to,
                    Map.of("status", r.status().name()),
                    r.id(),
                    r.status(),
                    to);
        }
        Versions.require(expectedVersion, r.version(), "game day " + r.id());
        if (!rows.move(r.id(), r.version(), r.status(), to, access.clock.instant())) {
            throw GameDayAccess.raced(r.id());
        }
    }

    /** Shows the whole scenario to the heroes of a blind game day (facilitator). */
    public GameDayView reveal(long id) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR);
        if (!r.revealed()) {
            if (!rows.reveal(id, r.version())) {
                throw GameDayAccess.raced(id);
            }
            access.changed(r, "reveal", "Revealed the scenario of game day " + id, null);
        }
        return access.view(access.row(id));
    }

    // ---- the heroes' response ----

    /**
     * A hero records something for their team while the game day runs. DECLARED declares an incident on the game
     * day's services ({@code title}, {@code body} its description); DETECTED and MITIGATED also set the milestone on
     * the team's incident when there is one.
     */
    public ResponseView respond(long id, ResponseKind kind, String title, String body, Severity severity) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.HERO);
        GameDayAccess.requireStatus(r, GameDayStatus.RUNNING);
        ParticipantView me = access.participant(id);
        if (kind == null || kind == ResponseKind.HINT) {
            throw new InvalidInputException(
                    "kind",
                    "validation.oneOf",
                    "must be one of DECLARED, HYPOTHESIS, FINDING, DETECTED, DIAGNOSIS, MITIGATED",
                    "DECLARED, HYPOTHESIS, FINDING, DETECTED, DIAGNOSIS, MITIGATED");
        }
        Instant now = access.clock.instant();
        String text = GameDayInput.optional(body, "body", GameDayInput.MAX_TEXT);
        String incidentKey = teamIncident(id, me.teamId());
        switch (kind) {
            case DECLARED -> {
                if (incidentKey != null) {
                    throw new ConflictException(
                            "gameday.error.declared",
                            "Team " + me.team() + " declared " + incidentKey + " already",
                            Map.of("incident", incidentKey),
                            me.team(),
                            incidentKey);
                }
                String t = GameDayInput.required(title, "title", IncidentManagement.MAX_TITLE);
                List<String> services = access.view(r).services();
                IncidentView incident = incidents.declare(new DeclareIncident(
                        t,
                        text,
                        severity == null ? Severity.SEV3 : severity,
                        services,
                        null,
                        now,
                        false,
                        Actor.current(),
                        null,
                        id));
                incidentKey = incident.key();
            }
            case HYPOTHESIS, FINDING, DIAGNOSIS -> {
                if (text == null) {
                    throw new InvalidInputException("body", "validation.blank", "must not be blank");
                }
            }
            case DETECTED, MITIGATED -> {
                if (incidentKey != null) {
                    incidents.editMilestone(
                            incidentKey, kind == ResponseKind.DETECTED ? Milestone.DETECTED : Milestone.MITIGATED, now);
                }
            }
            default -> {}
        }
        long response = rows.insertResponse(id, me.teamId(), kind, text, incidentKey, Actor.current(), now);
        access.changed(r, "response", me.team() + " " + kind + " in game day " + id, Map.of("response", response));
        return response(id, response);
    }

    /** The facilitator judges a diagnosis: {@code correct} or not (once). */
    public ResponseView judge(long id, long responseId, boolean correct) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR);
        GameDayAccess.requireStatus(r, GameDayStatus.RUNNING, GameDayStatus.ENDED);
        if (!rows.verdict(id, responseId, correct ? "CORRECT" : "WRONG")) {
            throw new ConflictException(
                    "gameday.error.verdict",
                    "Response " + responseId + " is not a diagnosis waiting for a verdict",
                    Map.of(),
                    responseId);
        }
        access.changed(r, "verdict", "Judged diagnosis " + responseId, Map.of("correct", correct));
        return response(id, responseId);
    }

    /** The facilitator gives a team a hint (it costs points, {@link Scoring#HINT}). */
    public ResponseView hint(long id, long teamId, String text) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR);
        GameDayAccess.requireStatus(r, GameDayStatus.RUNNING);
        if (rows.teams(id).stream().noneMatch(t -> t.id() == teamId)) {
            throw new InvalidInputException(
                    "teamId", "gameday.error.noTeam", "no team " + teamId + " in this game day", teamId);
        }
        String body = GameDayInput.required(text, "body", GameDayInput.MAX_TEXT);
        long response =
                rows.insertResponse(id, teamId, ResponseKind.HINT, body, null, Actor.current(), access.clock.instant());
        access.changed(r, "hint", "Hint to team " + teamId + " in game day " + id, Map.of("response", response));
        return response(id, response);
    }

    /** What the teams recorded: a hero sees their own team's, everyone else all of it. */
    @Transactional(readOnly = true)
    public List<ResponseView> responses(long id) {
        access.row(id);
        return visibleResponses(rows.responses(id), access.roleOf(id), access.participant(id));
    }

    static List<ResponseView> visibleResponses(List<ResponseView> all, GameDayRole role, ParticipantView me) {
        if (role == GameDayRole.HERO) {
            Long team = me == null ? null : me.teamId();
            return all.stream().filter(x -> team != null && x.teamId() == team).toList();
        }
        return all;
    }

    /** The scoreboard, per team, best first (everyone may read it: it is on the room's big screen). */
    @Transactional(readOnly = true)
    public List<Scoring.TeamScore> scoreboard(long id) {
        access.row(id);
        List<ResponseView> all = rows.responses(id);
        Instant first = access.injectRows.of(id).stream()
                .map(InjectView::firedAt)
                .filter(java.util.Objects::nonNull)
                .min(Instant::compareTo)
                .orElse(null);
        Map<Long, Scoring.Report> reports = new HashMap<>();
        for (TeamView t : rows.teams(id)) {
            String key = teamIncident(all, t.id());
            if (key != null) {
                IncidentView incident = Actor.runAsSystem("game day " + id + " scoreboard", () -> incidents.get(key));
                reports.put(
                        t.id(),
                        new Scoring.Report(
                                true,
                                incident.description(),
                                incident.milestone(Milestone.DETECTED) != null,
                                incident.milestone(Milestone.MITIGATED) != null));
            }
        }
        return new Scoring(access.clock).board(rows.teams(id), all, first, reports);
    }

    private String teamIncident(long id, Long teamId) {
        return teamId == null ? null : teamIncident(rows.responses(id), teamId);
    }

    private static String teamIncident(List<ResponseView> responses, long teamId) {
        return responses.stream()
                .filter(x -> x.teamId() == teamId && x.kind() == ResponseKind.DECLARED)
                .map(ResponseView::incidentKey)
                .findFirst()
                .orElse(null);
    }

    private ResponseView response(long id, long responseId) {
        return rows.responses(id).stream()
                .filter(x -> x.id() == responseId)
                .findFirst()
                .orElseThrow();
    }
}
