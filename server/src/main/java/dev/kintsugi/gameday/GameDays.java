package dev.kintsugi.gameday;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.Versions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Preparing game days: plans, teams, roles, the readiness checklist and the scenario backlog (invitations:
 * {@link GameDayInvitations}).
 * Anyone who may respond to incidents plans one and becomes its facilitator; the facilitator changes it.
 */
@Service
@Transactional
public class GameDays {
    private final GameDayAccess access;
    private final GameDayRepository rows;
    private final GameDayIdeaRepository ideaRows;
    private final UserManagement users;

    GameDays(GameDayAccess access, GameDayIdeaRepository ideaRows, UserManagement users) {
        this.access = access;
        this.rows = access.rows;
        this.ideaRows = ideaRows;
        this.users = users;
    }

    static void requireResponder() {
        if (!Actor.isSystem() && !Actor.hasRole(Role.RESPONDER)) {
            throw new AccessDeniedException("planning a game day needs the RESPONDER role");
        }
    }

    /** Plans a game day; its author is its facilitator. */
    public GameDayView plan(GameDayPlan plan) {
        requireResponder();
        GameDayInput.Checked c = GameDayInput.plan(plan, access.catalog);
        String me = Actor.current();
        Instant now = access.clock.instant();
        long id = rows.insert(c.plan(), c.serviceIds(), null, me, now);
        if (!Actor.isSystem()) {
            rows.putParticipant(id, me, GameDayRole.FACILITATOR, null);
        }
        planned(
                id,
                c.plan().title(),
                c.serviceIds(),
                "Planned game day " + id + ": " + c.plan().title(),
                c.plan());
        return get(id);
    }

    void planned(long id, String title, List<Long> serviceIds, String summary, Object details) {
        access.audit.record("gameday.planned", "gameday", Long.toString(id), summary, null, details);
        access.events.publishEvent(
                new GameDayPlanned(id, title, Set.copyOf(serviceIds), Actor.current(), access.clock.instant()));
    }

    public GameDayView update(long id, GameDayPlan plan, Long expectedVersion) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR);
        GameDayAccess.requireStatus(r, GameDayStatus.PLANNED);
        Versions.require(expectedVersion, r.version(), "game day " + id);
        GameDayInput.Checked c = GameDayInput.plan(plan, access.catalog);
        if (!rows.updatePlan(id, r.version(), c.plan(), c.serviceIds())) {
            throw GameDayAccess.raced(id);
        }
        access.changed(access.row(id), "plan", "Changed the plan of game day " + id, c.plan());
        return get(id);
    }

    @Transactional(readOnly = true)
    public GameDayView get(long id) {
        return access.view(access.row(id));
    }

    @Transactional(readOnly = true)
    public List<GameDayView> list(int limit) {
        return rows.list(Math.max(1, Math.min(limit, 500))).stream()
                .map(access::view)
                .toList();
    }

    /**
     * The game days running at {@code at} on one of these services, latest started first, read from the database
     * so that every instance answers the same (for the alerting module's expectations; no visibility applied: ids,
     * services, facilitator and start only).
     */
    @Transactional(readOnly = true)
    public List<RunningGameDay> runningOn(java.util.Collection<Long> serviceIds, Instant at) {
        return rows.ofStatus(GameDayStatus.RUNNING).stream()
                .filter(r -> r.startedAt() != null && !r.startedAt().isAfter(at))
                .filter(r -> r.serviceIds().stream().anyMatch(serviceIds::contains))
                .sorted(java.util.Comparator.comparing(GameDayRepository.Row::startedAt)
                        .reversed())
                .map(r -> new RunningGameDay(r.id(), List.copyOf(r.serviceIds()), r.createdBy(), r.startedAt()))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<TeamView> teams(long id) {
        access.row(id);
        return rows.teams(id);
    }

    @Transactional(readOnly = true)
    public List<ParticipantView> participants(long id) {
        access.row(id);
        return rows.participants(id);
    }

    public TeamView addTeam(long id, String name) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR);
        GameDayAccess.requireStatus(r, GameDayStatus.PLANNED, GameDayStatus.RUNNING);
        String n = GameDayInput.required(name, "name", GameDayInput.MAX_NAME);
        if (rows.teams(id).stream().anyMatch(t -> t.name().equalsIgnoreCase(n))) {
            throw new InvalidInputException("name", "gameday.error.teamExists", "a team named '" + n + "' exists", n);
        }
        long team = rows.insertTeam(id, n);
        rows.touch(id);
        access.changed(r, "team", "Added team " + n + " to game day " + id, Map.of("team", n));
        return new TeamView(team, n);
    }

    /** Gives {@code username} a role in the game day (a hero needs a team of this game day). */
    public ParticipantView assign(long id, String username, GameDayRole role, Long teamId) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR);
        GameDayAccess.requireStatus(r, GameDayStatus.PLANNED, GameDayStatus.RUNNING);
        String who = GameDayInput.required(username, "username", GameDayInput.MAX_NAME);
        if (!users.exists(who)) {
            throw new InvalidInputException("username", "validation.unknownUser", "no user named '" + who + "'", who);
        }
        if (role == null) {
            throw new InvalidInputException("role", "validation.required", "must be given");
        }
        Long team = null;
        if (role == GameDayRole.HERO) {
            if (teamId == null) {
                throw new InvalidInputException("teamId", "gameday.error.heroTeam", "a hero needs a team");
            }
            team = rows.teams(id).stream()
                    .filter(t -> t.id() == teamId)
                    .findFirst()
                    .orElseThrow(() -> new InvalidInputException(
                            "teamId", "gameday.error.noTeam", "no team " + teamId + " in this game day", teamId))
                    .id();
        }
        rows.putParticipant(id, who, role, team);
        rows.touch(id);
        access.changed(r, "participant", who + " is " + role + " in game day " + id, Map.of("user", who, "role", role));
        return rows.participants(id).stream()
                .filter(p -> p.username().equals(who))
                .findFirst()
                .orElseThrow();
    }

    public void unassign(long id, String username) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR);
        if (!rows.removeParticipant(id, username)) {
            throw new NotFoundException("participant", username);
        }
        rows.touch(id);
        access.changed(r, "participant", username + " left game day " + id, Map.of("user", username));
    }

    @Transactional(readOnly = true)
    public List<CheckView> checks(long id) {
        access.row(id);
        return rows.checks(id);
    }

    /** Ticks a readiness item (any facilitator, villain or observer); ticking it again changes nothing. */
    public List<CheckView> tick(long id, Readiness item) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR, GameDayRole.VILLAIN, GameDayRole.OBSERVER);
        if (item == null) {
            throw new InvalidInputException("item", "validation.required", "must be given");
        }
        if (rows.tick(id, item, Actor.current(), access.clock.instant())) {
            rows.touch(id);
            access.changed(r, "check", "Ticked " + item + " on game day " + id, Map.of("item", item));
        }
        return rows.checks(id);
    }

    // ---- the scenario backlog ----

    @Transactional(readOnly = true)
    public List<IdeaView> ideas() {
        return ideaRows.ideas(Actor.current());
    }

    public IdeaView propose(String title, String description) {
        requireResponder();
        String d = GameDayInput.optional(description, "description", GameDayInput.MAX_TEXT);
        String t = GameDayInput.required(title, "title", GameDayInput.MAX_TITLE);
        long id = ideaRows.insertIdea(t, d, Actor.current(), access.clock.instant());
        access.audit.record("gameday.idea.proposed", "gameday-idea", Long.toString(id), "Proposed " + t, null, d);
        return idea(id);
    }

    /** One vote per person per idea: a second vote changes nothing. */
    public IdeaView vote(long ideaId) {
        requireResponder();
        if (!ideaRows.ideaExists(ideaId)) {
            throw new NotFoundException("idea", ideaId);
        }
        if (ideaRows.vote(ideaId, Actor.current())) {
            access.audit.record(
                    "gameday.idea.voted",
                    "gameday-idea",
                    Long.toString(ideaId),
                    "Voted for idea " + ideaId,
                    null,
                    null);
        }
        return idea(ideaId);
    }

    private IdeaView idea(long id) {
        return ideaRows.ideas(Actor.current()).stream()
                .filter(i -> i.id() == id)
                .findFirst()
                .orElseThrow();
    }
}
