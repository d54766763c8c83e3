package dev.kintsugi.gameday;

import dev.kintsugi.chaos.ChaosRuns;
import dev.kintsugi.chaos.RunView;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Versions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A game day's injects: added, changed and removed by the facilitator or a villain until they fire; fired by hand
 * or by their timer; an experiment or fault inject fires as a chaos run started by the system for the game day,
 * through the chaos guardrails. A fault inject is a one-fault experiment of the hub made when it is added (see
 * {@link InjectChecks}). Changes move the game day's version on ({@code If-Match} on change and removal).
 */
@Service
@Transactional
public class GameDayInjects {
    private final GameDayAccess access;
    private final GameDayInjectRepository injects;
    private final InjectChecks checks;
    private final ChaosRuns runs;
    private final GameDayInjectTimers timers;

    GameDayInjects(GameDayAccess access, InjectChecks checks, ChaosRuns runs, GameDayInjectTimers timers) {
        this.access = access;
        this.injects = access.injectRows;
        this.checks = checks;
        this.runs = runs;
        this.timers = timers;
    }

    /** {@link #add(long, InjectDraft)} for an experiment or tabletop inject. */
    public InjectView add(long id, String title, InjectKind kind, Long experimentId, String body, Integer offset) {
        return add(id, new InjectDraft(title, kind, experimentId, body, offset, null, null, null, null));
    }

    /**
     * Adds an inject (facilitator or villain, before the end). An experiment or fault inject needs the {@code
     * CHAOS_ENGINEER} role of whoever adds it; {@code offsetMinutes} schedules it after the start (null: by hand).
     */
    public InjectView add(long id, InjectDraft draft) {
        GameDayRepository.Row r = writable(id);
        InjectDraft d = checks.checked(draft);
        Long experiment = checks.experimentOf(id, d, null);
        long inject = injects.insert(id, d, experiment, Actor.current());
        access.rows.touch(id);
        schedule(r, inject, d.offsetMinutes());
        access.changed(r, "inject", "Added inject " + d.title() + " to game day " + id, Map.of("inject", inject));
        return get(id, inject);
    }

    /** Changes an inject that has not fired yet ({@code expectedVersion}: the game day's, from If-Match). */
    public InjectView edit(long id, long injectId, InjectDraft draft, Long expectedVersion) {
        GameDayRepository.Row r = writable(id);
        InjectView before = pending(r, injectId, expectedVersion);
        InjectDraft d = checks.checked(draft);
        Long experiment = checks.experimentOf(id, d, before);
        if (!injects.update(id, injectId, d, experiment)) {
            throw fired(injectId, InjectStatus.FIRED);
        }
        access.rows.touch(id);
        timers.cancel(injectId);
        schedule(r, injectId, d.offsetMinutes());
        InjectView after = get(id, injectId);
        access.changed(r, "inject", "Changed inject " + d.title() + " of game day " + id, before, after);
        return after;
    }

    /** Removes an inject that has not fired yet ({@code expectedVersion}: the game day's, from If-Match). */
    public void remove(long id, long injectId, Long expectedVersion) {
        GameDayRepository.Row r = writable(id);
        InjectView before = pending(r, injectId, expectedVersion);
        if (!injects.delete(id, injectId)) {
            throw fired(injectId, InjectStatus.FIRED);
        }
        access.rows.touch(id);
        timers.cancel(injectId);
        access.changed(r, "inject", "Removed inject " + before.title() + " of game day " + id, before, null);
    }

    @Transactional(readOnly = true)
    public List<InjectView> list(long id) {
        return access.injects(access.row(id));
    }

    /** Fires an inject now (facilitator or villain, while the game day runs). */
    public InjectView fire(long id, long injectId) {
        access.require(id, GameDayRole.FACILITATOR, GameDayRole.VILLAIN);
        return fireNow(id, injectId);
    }

    /** The scheduled inject's timer (the system only): fires it if it is still pending and the game day runs. */
    public void fireScheduled(long injectId) {
        if (!Actor.isSystem()) {
            throw new AccessDeniedException("scheduled injects are fired by the system");
        }
        injects.gameDayOf(injectId).ifPresent(id -> {
            GameDayRepository.Row r = access.row(id);
            boolean pending = injects.find(id, injectId)
                    .map(i -> i.status() == InjectStatus.PENDING)
                    .orElse(false);
            if (r.status() == GameDayStatus.RUNNING && pending) {
                fireNow(id, injectId);
            }
        });
    }

    private InjectView fireNow(long id, long injectId) {
        GameDayRepository.Row r = access.row(id);
        GameDayAccess.requireStatus(r, GameDayStatus.RUNNING);
        InjectView inject = injects.find(id, injectId).orElseThrow(() -> new NotFoundException("inject", injectId));
        Instant now = access.clock.instant();
        if (!injects.fire(injectId, now)) {
            throw fired(injectId, inject.status());
        }
        if (inject.kind().runsChaos()) {
            RunView run = Actor.runAsSystem(
                    "game day " + id + ": inject " + injectId + " by " + Actor.current(),
                    () -> runs.start(inject.experimentId(), false));
            injects.runOf(injectId, run.id());
        }
        access.rows.touch(id);
        access.changed(
                r, "inject-fired", "Fired inject " + inject.title() + " of game day " + id, Map.of("inject", injectId));
        return get(id, injectId);
    }

    /** Sets the timers of a game day's scheduled injects (when it starts). */
    void scheduleAll(long id, Instant startedAt) {
        for (InjectView i : injects.of(id)) {
            if (i.offsetMinutes() != null && i.status() == InjectStatus.PENDING) {
                timers.schedule(i.id(), startedAt.plusSeconds(60L * i.offsetMinutes()));
            }
        }
    }

    /** Stops a game day's pending injects and cancels their timers (when it ends). */
    void stopPending(long id) {
        injects.stopPending(id).forEach(timers::cancel);
    }

    private GameDayRepository.Row writable(long id) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR, GameDayRole.VILLAIN);
        GameDayAccess.requireStatus(r, GameDayStatus.PLANNED, GameDayStatus.RUNNING);
        return r;
    }

    private InjectView pending(GameDayRepository.Row r, long injectId, Long expectedVersion) {
        InjectView i = injects.find(r.id(), injectId).orElseThrow(() -> new NotFoundException("inject", injectId));
        if (i.status() != InjectStatus.PENDING) {
            throw fired(injectId, i.status());
        }
        Versions.require(expectedVersion, r.version(), "game day " + r.id());
        return i;
    }

    private void schedule(GameDayRepository.Row r, long inject, Integer offsetMinutes) {
        if (r.status() == GameDayStatus.RUNNING && offsetMinutes != null) {
            timers.schedule(inject, r.startedAt().plusSeconds(60L * offsetMinutes));
        }
    }

    private InjectView get(long id, long injectId) {
        return injects.find(id, injectId).orElseThrow(() -> new NotFoundException("inject", injectId));
    }

    private static ConflictException fired(long injectId, InjectStatus status) {
        return new ConflictException(
                "gameday.error.injectFired",
                "Inject " + injectId + " is " + status,
                Map.of("status", Objects.toString(status)),
                injectId,
                status);
    }
}
