package dev.kintsugi.oncall;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.oncall.persistence.PageRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.calendar.WorkCalendar;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pages people: starts an escalation for a subject of another module (idempotent per subject while it runs),
 * steps it through its policy's levels on db-scheduler timers, stops it on acknowledgement, and tells the people
 * paged when the subject resolves. Routing by the policy's calendar: after hours only the listed severities page at
 * once (others are held until working time) and escalation beyond the first level can pause over days off.
 */
@Service
@Transactional
public class Paging {
    private static final Logger log = LoggerFactory.getLogger(Paging.class);
    private final PageRepository pages;
    private final EscalationPolicies policies;
    private final CatalogManagement catalog;
    private final DeliveryPlanner deliveries;
    private final OnCallTimers timers;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final EscalationSteps steps;
    private final Clock clock;

    Paging(
            PageRepository pages,
            EscalationPolicies policies,
            CatalogManagement catalog,
            DeliveryPlanner deliveries,
            OnCallTimers timers,
            AuditLog audit,
            ApplicationEventPublisher events,
            EscalationSteps steps,
            Clock clock) {
        this.steps = steps;
        this.pages = pages;
        this.policies = policies;
        this.catalog = catalog;
        this.deliveries = deliveries;
        this.timers = timers;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Starts an escalation for the subject, or keeps the running one (idempotent per subjectType+subjectId). */
    public PageView page(PageRequest r) {
        if (r.subjectType() == null
                || r.subjectType().isBlank()
                || r.subjectType().length() > 32) {
            throw new InvalidInputException(
                    "subjectType", "oncall.invalid.max32", "is required, at most 32 characters");
        }
        if (r.subjectId() == null || r.subjectId().isBlank() || r.subjectId().length() > 128) {
            throw new InvalidInputException(
                    "subjectId", "oncall.invalid.max128", "is required, at most 128 characters");
        }
        Optional<PageView> running = pages.active(r.subjectType(), r.subjectId());
        if (running.isPresent()) {
            return running.get();
        }
        Optional<EscalationPolicy> policy = r.escalationPolicyId() != null
                ? policies.find(r.escalationPolicyId())
                : r.teamIds().stream()
                        .map(policies::teamDefault)
                        .flatMap(Optional::stream)
                        .findFirst();
        Instant now = clock.instant();
        String title = truncate(
                r.title() == null || r.title().isBlank() ? r.subjectType() + " " + r.subjectId() : r.title(), 300);
        if (policy.isEmpty()) {
            log.warn(
                    "No escalation policy for {} {} (teams {}): nobody paged",
                    r.subjectType(),
                    r.subjectId(),
                    r.teamIds());
            return new PageView(
                    0,
                    r.subjectType(),
                    r.subjectId(),
                    title,
                    r.summary(),
                    r.severity(),
                    r.link(),
                    0,
                    PageStatus.UNROUTED,
                    0,
                    0,
                    now,
                    null,
                    null,
                    null,
                    null,
                    r.serviceIds(),
                    r.teamIds(),
                    0);
        }
        EscalationPolicy p = policy.get();
        WorkCalendar cal = p.routing().calendar();
        boolean held = p.routing().holds(r.severity()) && !cal.isWorkingTime(now);
        Instant first = held ? cal.nextWorkingInstant(now).orElse(now) : now;
        var inserted = pages.insert(
                r.subjectType(),
                r.subjectId(),
                title,
                r.summary() == null ? null : truncate(r.summary(), 2000),
                r.severity(),
                r.link() == null ? null : truncate(r.link(), 1000),
                p.id(),
                r.teamIds(),
                r.serviceIds(),
                held ? PageStatus.HELD : PageStatus.TRIGGERED,
                now);
        if (inserted.isEmpty()) {
            // paged at the same moment by another caller (another instance, another event): theirs is the page
            return pages.active(r.subjectType(), r.subjectId())
                    .orElseThrow(() -> new ConflictException(
                            "oncall.conflict.pageRace",
                            "the subject's page changed meanwhile: page it again",
                            java.util.Map.of()));
        }
        long id = inserted.getAsLong();
        pages.advance(id, 0, held ? PageStatus.HELD : PageStatus.TRIGGERED, 0, 0, first);
        timers.step(id, 1, first);
        PageView page = pages.find(id).orElseThrow();
        audit.record(
                "oncall.page.triggered",
                "page",
                Long.toString(id),
                r.subjectType() + " " + r.subjectId() + (held ? " held until " + first : ""),
                null,
                page);
        events.publishEvent(new PageTriggered(
                id, r.subjectType(), r.subjectId(), p.id(), r.severity(), held, now, r.serviceIds(), r.teamIds()));
        return page;
    }

    /** Someone acknowledged (in Kintsugi or via a notification link): escalation stops. */
    public void acknowledge(String subjectType, String subjectId, String username) {
        pages.active(subjectType, subjectId).ifPresent(p -> acknowledge(p, username));
    }

    /** The subject resolved: escalation stops, the people paged get a "resolved" notice. */
    public void resolve(String subjectType, String subjectId) {
        pages.active(subjectType, subjectId).ifPresent(p -> resolve(p, Actor.current()));
    }

    public PageView acknowledge(long pageId, String username) {
        PageView p = pages.find(pageId).orElseThrow(() -> new NotFoundException("Page", pageId));
        acknowledge(p, username);
        return pages.find(pageId).orElseThrow();
    }

    public PageView resolve(long pageId) {
        PageView p = pages.find(pageId).orElseThrow(() -> new NotFoundException("Page", pageId));
        resolve(p, Actor.current());
        return pages.find(pageId).orElseThrow();
    }

    private void acknowledge(PageView p, String username) {
        if (p.status() != PageStatus.TRIGGERED && p.status() != PageStatus.HELD) {
            return;
        }
        Instant now = clock.instant();
        if (pages.acknowledge(p.id(), p.version(), username, now) == 0) {
            throw new ConflictException(
                    "oncall.conflict.pageChanged", "the page changed meanwhile: read it again", java.util.Map.of());
        }
        deliveries.cancelPending(p.id(), "oncall.why.acknowledged", List.of(username));
        audit.record("oncall.page.acknowledged", "page", Long.toString(p.id()), "by " + username, null, null);
        events.publishEvent(new PageAcknowledged(
                p.id(), p.subjectType(), p.subjectId(), username, now, p.serviceIds(), p.teamIds()));
    }

    private void resolve(PageView p, String by) {
        if (p.status() == PageStatus.RESOLVED) {
            return;
        }
        Instant now = clock.instant();
        if (pages.resolve(p.id(), p.version(), now) == 0) {
            throw new ConflictException(
                    "oncall.conflict.pageChanged", "the page changed meanwhile: read it again", java.util.Map.of());
        }
        deliveries.cancelPending(p.id(), "oncall.why.resolvedBefore", List.of("-"));
        PageView after = pages.find(p.id()).orElseThrow();
        for (String u : pages.recipients(p.id())) {
            deliveries.plan(after, u, "RESOLVED");
        }
        audit.record("oncall.page.resolved", "page", Long.toString(p.id()), null, null, null);
        events.publishEvent(
                new PageResolved(p.id(), p.subjectType(), p.subjectId(), by, now, p.serviceIds(), p.teamIds()));
    }

    /**
     * One escalation step (the job calls this): pages the current level, unless the page stopped, is held, or the
     * policy pauses over a day off; then sets the timer of the next level or round.
     */
    public void step(long pageId, int step) {
        steps.step(pageId, step);
    }

    /** Schedules again the step of pages whose timer is overdue by more than a minute (the sweeper job). */
    public void sweep(Instant now) {
        steps.sweep(now);
    }

    @Transactional(readOnly = true)
    public Optional<PageView> find(long id) {
        return pages.find(id);
    }

    /** The latest page about a subject, running or not (an alert's page shows its delivery log). */
    @Transactional(readOnly = true)
    public Optional<PageView> latest(String subjectType, String subjectId) {
        return pages.latest(subjectType, subjectId);
    }

    @Transactional(readOnly = true)
    public Optional<PageView> active(String subjectType, String subjectId) {
        return pages.active(subjectType, subjectId);
    }

    /** The running pages that paged the caller, newest first. */
    @Transactional(readOnly = true)
    public List<PageView> openForMe(int limit) {
        return pages.openFor(Actor.current(), Math.max(1, Math.min(limit, 100)));
    }

    @Transactional(readOnly = true)
    public List<PageView> recent(int limit) {
        return pages.recent(Math.max(1, Math.min(limit, 500)));
    }

    @Transactional(readOnly = true)
    public List<String> recipients(long pageId) {
        return pages.recipients(pageId);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
