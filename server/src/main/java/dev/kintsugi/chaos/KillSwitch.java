package dev.kintsugi.chaos;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.LiveUpdates;
import dev.kintsugi.platform.Role;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One switch that stops every experiment: engaging it (a {@code CHAOS_ENGINEER} or an {@code ADMIN}) records it
 * (it survives a restart), stops every run in this server, reverts every fault the journal shows in place, in
 * parallel, and refuses new runs until someone releases it. Audited both ways.
 */
@Service
public class KillSwitch {
    private final FaultRepository faultRows;
    private final RunEngine engine;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final LiveUpdates live;
    private final Clock clock;
    private final TransactionTemplate tx;

    KillSwitch(
            FaultRepository faultRows,
            RunEngine engine,
            AuditLog audit,
            ApplicationEventPublisher events,
            LiveUpdates live,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.faultRows = faultRows;
        this.engine = engine;
        this.audit = audit;
        this.events = events;
        this.live = live;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /** What engaging did: the runs it stopped, the faults it reverted and those it could not. */
    public record Engaged(KillSwitchState state, List<Long> runsStopped, int faultsReverted, int revertsFailed) {}

    public KillSwitchState state() {
        return tx.execute(s -> faultRows.killSwitch());
    }

    public Engaged engage(String reason) {
        requireRole();
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            throw new dev.kintsugi.platform.InvalidInputException(
                    "reason", "chaos.error.killSwitch.reason", "at most 500 characters");
        }
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            KillSwitchState before = faultRows.killSwitch();
            if (!before.engaged()) {
                if (faultRows.setKillSwitch(true, Actor.current(), why, now, before.version()) == 0) {
                    throw new ConflictException(
                            "chaos.error.killSwitch.changed",
                            "The kill switch changed at the same time; try again",
                            java.util.Map.of());
                }
                audit.record(
                        "chaos.kill-switch.engaged",
                        "chaos-kill-switch",
                        "1",
                        "Engaged the kill switch" + (why == null ? "" : ": " + why),
                        null,
                        Map.of("engaged", true));
                events.publishEvent(new KillSwitchEngaged(Actor.current(), why, now));
            }
        });
        // even when it was engaged already: stop and revert again whatever is left
        List<Long> stopped = engine.interruptAll("kill switch engaged by " + Actor.current());
        List<FaultView> inPlace =
                tx.execute(s -> faultRows.faultsWithStatus(FaultStatus.INJECTING, FaultStatus.IN_PLACE));
        engine.revertLeftovers(null, inPlace);
        List<FaultView> after = tx.execute(s -> faultRows.faultsWithStatus(FaultStatus.REVERT_FAILED));
        int failed = (int) inPlace.stream()
                .filter(f -> after.stream().anyMatch(a -> a.id() == f.id()))
                .count();
        live.publish("chaos-kill-switch:all", "changed", "engaged");
        return new Engaged(state(), stopped, inPlace.size() - failed, failed);
    }

    public KillSwitchState release() {
        requireRole();
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            KillSwitchState before = faultRows.killSwitch();
            if (!before.engaged()) {
                return;
            }
            if (faultRows.setKillSwitch(false, Actor.current(), null, now, before.version()) == 0) {
                throw new ConflictException(
                        "chaos.error.killSwitch.changed",
                        "The kill switch changed at the same time; try again",
                        java.util.Map.of());
            }
            audit.record(
                    "chaos.kill-switch.released",
                    "chaos-kill-switch",
                    "1",
                    "Released the kill switch",
                    Map.of("engaged", true),
                    Map.of("engaged", false));
            events.publishEvent(new KillSwitchReleased(Actor.current(), now));
        });
        live.publish("chaos-kill-switch:all", "changed", "released");
        return state();
    }

    private static void requireRole() {
        if (!Actor.isSystem() && !Actor.hasRole(Role.CHAOS_ENGINEER)) {
            throw new AccessDeniedException("the kill switch needs CHAOS_ENGINEER or ADMIN");
        }
    }
}
