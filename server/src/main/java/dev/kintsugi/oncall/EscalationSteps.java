package dev.kintsugi.oncall;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.oncall.persistence.PageRepository;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.calendar.WorkCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The escalation steps behind {@link Paging}: each step pages a level (users, whoever is on call on a schedule, a
 * team's on-call people else its members), guarded by the page's step counter so that with several instances each
 * step runs once, then sets the timer of the next level or round; held pages wait for working time.
 */
@Component
@Transactional
class EscalationSteps {
    private final PageRepository pages;
    private final EscalationPolicies policies;
    private final Schedules schedules;
    private final CatalogManagement catalog;
    private final DeliveryPlanner deliveries;
    private final OnCallTimers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EscalationSteps(
            PageRepository pages,
            EscalationPolicies policies,
            Schedules schedules,
            CatalogManagement catalog,
            DeliveryPlanner deliveries,
            OnCallTimers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.pages = pages;
        this.policies = policies;
        this.schedules = schedules;
        this.catalog = catalog;
        this.deliveries = deliveries;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /**
     * One escalation step (the job calls this): pages the current level, unless the page stopped, is held, or the
     * policy pauses over a day off; then sets the timer of the next level or round.
     */
    void step(long pageId, int step) {
        PageView p = pages.find(pageId).orElse(null);
        if (p == null
                || pages.step(pageId) != step
                || (p.status() != PageStatus.TRIGGERED && p.status() != PageStatus.HELD)) {
            return;
        }
        EscalationPolicy policy = policies.find(p.policyId()).orElseThrow();
        Instant now = clock.instant();
        WorkCalendar cal = policy.routing().calendar();
        boolean firstNotice = p.level() == 0 && p.round() == 0;
        if (p.status() == PageStatus.HELD && !cal.isWorkingTime(now)) {
            Instant next = cal.nextWorkingInstant(now).orElse(now);
            reschedule(p, step, PageStatus.HELD, p.level(), p.round(), next);
            return;
        }
        if (!firstNotice
                && policy.routing().pauseOnDaysOff()
                && cal != null
                && !cal.isWorkingDay(LocalDate.ofInstant(now, cal.zone()))) {
            Instant next = cal.nextWorkingInstant(now).orElse(now);
            reschedule(p, step, PageStatus.TRIGGERED, p.level(), p.round(), next);
            return;
        }
        EscalationLevel level =
                policy.levels().get(Math.min(p.level(), policy.levels().size() - 1));
        List<String> who = targets(level, now);
        int nextLevel = p.level() + 1;
        int nextRound = p.round();
        if (nextLevel >= policy.levels().size()) {
            nextLevel = 0;
            nextRound++;
        }
        boolean more = nextRound <= policy.repeat();
        Instant next = more ? now.plus(Duration.ofMinutes(level.timeoutMinutes())) : null;
        if (pages.advance(
                        pageId,
                        step,
                        PageStatus.TRIGGERED,
                        more ? nextLevel : p.level(),
                        more ? nextRound : p.round(),
                        next)
                == 0) {
            return;
        }
        PageView triggered = pages.find(pageId).orElseThrow();
        for (String u : who) {
            pages.addRecipient(pageId, u, p.level(), now);
            deliveries.plan(triggered, u, "TRIGGERED");
        }
        if (more) {
            timers.step(pageId, step + 1, next);
        }
        audit.record(
                "oncall.page.escalated",
                "page",
                Long.toString(pageId),
                "level " + p.level() + " round " + p.round() + ": " + who,
                null,
                null);
        events.publishEvent(new PageEscalated(
                pageId,
                p.subjectType(),
                p.subjectId(),
                p.policyId(),
                p.level(),
                p.round(),
                who,
                now,
                p.serviceIds(),
                p.teamIds()));
    }

    private void reschedule(PageView p, int step, PageStatus status, int level, int round, Instant at) {
        if (pages.advance(p.id(), step, status, level, round, at) == 1) {
            timers.step(p.id(), step + 1, at);
        }
    }

    /** Who a level pages now. */
    List<String> targets(EscalationLevel level, Instant at) {
        LinkedHashSet<String> who = new LinkedHashSet<>();
        switch (level.type()) {
            case USER -> who.add(level.username());
            case SCHEDULE -> who.addAll(schedules.usersOnCall(level.scheduleId(), at));
            case TEAM -> {
                List<Schedule> ofTeam = schedules.ofTeams(List.of(level.teamId()));
                for (Schedule s : ofTeam) {
                    who.addAll(schedules.usersOnCall(s.id(), at));
                }
                if (who.isEmpty()) {
                    catalog.findTeam(level.teamId()).ifPresent(t -> who.addAll(t.members()));
                }
            }
        }
        return new ArrayList<>(who);
    }

    /** Schedules again the step of pages whose timer is overdue by more than a minute (the sweeper job). */
    void sweep(Instant now) {
        for (PageView p : pages.overdue(now.minus(Duration.ofMinutes(1)))) {
            timers.step(p.id(), pages.step(p.id()), now);
        }
    }
}
