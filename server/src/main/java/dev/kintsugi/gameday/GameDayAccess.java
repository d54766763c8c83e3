package dev.kintsugi.gameday;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.LiveUpdates;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Role;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may see and do what in a game day, shared by the facades. Roles come from the game day's participants; an
 * {@code ADMIN} who is not one acts as a facilitator. <b>Blind mode</b>: until the facilitator reveals the
 * scenario, a hero (and anyone who is not a participant) sees neither the story, the hypotheses nor any inject,
 * except the tabletop texts already fired (they are the heroes' clues); facilitators, villains and observers see
 * everything. In informed mode (or once revealed) everyone sees the plan and the injects, a tabletop text once
 * fired.
 */
@Component
class GameDayAccess {
    final GameDayRepository rows;
    final GameDayInjectRepository injectRows;
    final AuditLog audit;
    final ApplicationEventPublisher events;
    final LiveUpdates live;
    final Clock clock;
    final CatalogManagement catalog;

    GameDayAccess(
            GameDayRepository rows,
            GameDayInjectRepository injectRows,
            AuditLog audit,
            ApplicationEventPublisher events,
            LiveUpdates live,
            Clock clock,
            CatalogManagement catalog) {
        this.rows = rows;
        this.injectRows = injectRows;
        this.audit = audit;
        this.events = events;
        this.live = live;
        this.clock = clock;
        this.catalog = catalog;
    }

    static String topic(long id) {
        return "gameday:" + id;
    }

    GameDayRepository.Row row(long id) {
        return rows.find(id).orElseThrow(() -> new NotFoundException("game day", id));
    }

    /** The reader's role in the game day, null when none (an admin counts as a facilitator). */
    GameDayRole roleOf(long id) {
        if (Actor.isSystem()) {
            return GameDayRole.FACILITATOR;
        }
        String me = Actor.current();
        GameDayRole role = rows.participants(id).stream()
                .filter(p -> p.username().equals(me))
                .map(ParticipantView::role)
                .findFirst()
                .orElse(null);
        if (role == null && Actor.hasRole(Role.ADMIN)) {
            return GameDayRole.FACILITATOR;
        }
        return role;
    }

    ParticipantView participant(long id) {
        String me = Actor.current();
        return rows.participants(id).stream()
                .filter(p -> p.username().equals(me))
                .findFirst()
                .orElse(null);
    }

    static boolean scenarioVisible(GameDayRepository.Row row, GameDayRole role) {
        return (role != null && role.seesEverything()) || row.mode() == GameDayMode.INFORMED || row.revealed();
    }

    GameDayView view(GameDayRepository.Row r) {
        GameDayRole role = roleOf(r.id());
        boolean visible = scenarioVisible(r, role);
        List<String> services =
                catalog.servicesById(r.serviceIds()).stream().map(s -> s.name()).toList();
        return new GameDayView(
                r.id(),
                r.title(),
                visible ? r.story() : null,
                r.mode(),
                r.status(),
                r.startsAt(),
                r.durationMinutes(),
                r.environment(),
                r.serviceIds(),
                services,
                visible ? r.hypotheses() : null,
                r.objectives(),
                r.revealed(),
                r.startedAt(),
                r.endedAt(),
                r.postmortemKey(),
                r.clonedFrom(),
                r.createdBy(),
                r.createdAt(),
                r.version(),
                visible,
                role);
    }

    /** The injects this reader may see, with the texts they may read. */
    List<InjectView> injects(GameDayRepository.Row r) {
        GameDayRole role = roleOf(r.id());
        List<InjectView> all = injectRows.of(r.id());
        if (role != null && role.seesEverything()) {
            return all;
        }
        boolean visible = scenarioVisible(r, role);
        return all.stream()
                .filter(i -> visible || (i.kind() == InjectKind.TABLETOP && i.status() == InjectStatus.FIRED))
                .map(i -> i.kind() == InjectKind.TABLETOP && i.status() != InjectStatus.FIRED ? i.withheld() : i)
                .toList();
    }

    GameDayRole require(long id, GameDayRole... allowed) {
        GameDayRole role = roleOf(id);
        for (GameDayRole a : allowed) {
            if (a == role) {
                return role;
            }
        }
        throw new AccessDeniedException("game day " + id + " needs the role " + List.of(allowed));
    }

    static void requireStatus(GameDayRepository.Row r, GameDayStatus... allowed) {
        for (GameDayStatus s : allowed) {
            if (r.status() == s) {
                return;
            }
        }
        throw new ConflictException(
                "gameday.error.status",
                "Game day " + r.id() + " is " + r.status() + " (needs " + List.of(allowed) + ")",
                Map.of("status", r.status().name()),
                r.id(),
                r.status());
    }

    /** Audits, publishes {@link GameDayChanged} and tells the live pages (after the commit). */
    void changed(GameDayRepository.Row r, String what, String summary, Object details) {
        changed(r, what, summary, null, details);
    }

    /** {@link #changed(GameDayRepository.Row, String, String, Object)} of a change audited with before and after. */
    void changed(GameDayRepository.Row r, String what, String summary, Object before, Object after) {
        audit.record("gameday." + what, "gameday", Long.toString(r.id()), summary, before, after);
        events.publishEvent(
                new GameDayChanged(r.id(), what, Set.copyOf(r.serviceIds()), Actor.current(), clock.instant()));
        live.publish(topic(r.id()), "changed", Long.toString(r.id()));
    }

    static ConflictException raced(long id) {
        return new ConflictException(
                "gameday.error.raced", "Game day " + id + " changed meanwhile; read it again", Map.of(), id);
    }
}
