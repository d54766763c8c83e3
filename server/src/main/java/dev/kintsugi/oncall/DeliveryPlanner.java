package dev.kintsugi.oncall;

import dev.kintsugi.oncall.notify.Channel;
import dev.kintsugi.oncall.persistence.ContactRepository;
import dev.kintsugi.oncall.persistence.DeliveryRepository;
import dev.kintsugi.oncall.persistence.DeliveryRepository.Delivery;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The deliveries a page makes to one person: planned by their contact rules (one per step that takes the page, due
 * after its delay; e-mail to the account's address at once when no step takes it), logged as skipped with why
 * otherwise, and cancelled when the page is acknowledged or resolved. {@link DeliveryAttempts} sends them.
 */
@Service
@Transactional
class DeliveryPlanner {
    private static final Logger log = LoggerFactory.getLogger(DeliveryPlanner.class);

    private final ContactRepository contacts;
    private final DeliveryRepository deliveries;
    private final UserManagement users;
    private final OnCallTimers timers;
    private final ContactRules contactRules;
    private final Clock clock;

    DeliveryPlanner(
            ContactRepository contacts,
            DeliveryRepository deliveries,
            UserManagement users,
            OnCallTimers timers,
            ContactRules contactRules,
            Clock clock) {
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.users = users;
        this.timers = timers;
        this.contactRules = contactRules;
        this.clock = clock;
    }

    /**
     * Plans the notifications of one person for a page by their contact rules (see {@link ContactRules}): each step
     * whose severities take the page is due after its delay, the others are logged as skipped with why; when no
     * step takes the page, an e-mail at the account's address at once, so nobody paged is left unreached. A
     * "resolved" notice goes at once through the methods that reached the person (else those of the steps that
     * took the page).
     */
    void plan(PageView page, String username, String kind) {
        Instant now = clock.instant();
        boolean resolved = "RESOLVED".equals(kind);
        if (resolved) {
            List<Long> reachedBy = new java.util.ArrayList<>();
            for (Delivery d : deliveries.deliveries(page.id())) {
                Long m = d.methodId() == null ? Long.valueOf(-1) : d.methodId();
                if (d.username().equals(username)
                        && "TRIGGERED".equals(d.kind())
                        && "SENT".equals(d.status())
                        && !reachedBy.contains(m)) {
                    reachedBy.add(m);
                }
            }
            if (!reachedBy.isEmpty()) {
                for (Long m : reachedBy) {
                    deliver(page, username, kind, m == -1 ? null : m, now, now, "oncall.why.resolvedNotice", List.of());
                }
                return;
            }
        }
        ContactRules.RuleSet set = contactRules.of(username);
        String severity = page.severity();
        boolean reached = false;
        java.util.Set<Long> noticed = new java.util.HashSet<>();
        for (int i = 0; i < set.steps().size(); i++) {
            ContactRules.Step step = set.steps().get(i);
            String position = Integer.toString(i + 1);
            boolean takes = step.matches(severity);
            if (resolved && (!takes || !noticed.add(step.methodId() == null ? -1L : step.methodId()))) {
                continue;
            }
            if (takes) {
                reached = true;
                Instant due = resolved ? now : now.plus(Duration.ofMinutes(step.delayMinutes()));
                String why = resolved
                        ? "oncall.why.resolvedNotice"
                        : set.custom() ? "oncall.why.step" : "oncall.why.default";
                deliver(
                        page,
                        username,
                        kind,
                        step.methodId(),
                        now,
                        due,
                        why,
                        List.of(position, Integer.toString(step.delayMinutes()), ContactRules.selection(step)));
            } else {
                skip(
                        page,
                        username,
                        kind,
                        step,
                        now,
                        List.of(position, severity == null ? "-" : severity, ContactRules.selection(step)));
            }
        }
        if (!reached) {
            deliver(
                    page,
                    username,
                    kind,
                    null,
                    now,
                    now,
                    "oncall.why.noStepTakes",
                    List.of(severity == null ? "-" : severity));
        }
    }

    private void deliver(
            PageView page,
            String username,
            String kind,
            Long methodId,
            Instant now,
            Instant due,
            String why,
            List<String> args) {
        String channel;
        String hint;
        if (methodId == null) {
            Optional<UserAccount> account = users.find(username);
            if (account.isEmpty()
                    || account.get().email() == null
                    || account.get().email().isBlank()) {
                log.warn("{} is paged but has neither contact methods nor an e-mail address", username);
                long id = deliveries.insertDelivery(
                        page.id(), username, kind, Channel.EMAIL.name(), null, "—", "SKIPPED", now, now);
                deliveries.reason(id, "oncall.why.noAddress", List.of());
                return;
            }
            channel = Channel.EMAIL.name();
            hint = Notifications.hint(Channel.EMAIL, account.get().email());
        } else {
            var m = contacts.method(methodId).orElse(null);
            if (m == null) {
                return;
            }
            channel = m.channel();
            hint = m.targetHint();
        }
        long id = deliveries.insertDelivery(page.id(), username, kind, channel, methodId, hint, "PENDING", now, due);
        deliveries.reason(id, why, args);
        timers.delivery(id, 0, due);
    }

    private void skip(
            PageView page, String username, String kind, ContactRules.Step step, Instant now, List<String> args) {
        String channel = Channel.EMAIL.name();
        String hint = "—";
        if (step.methodId() != null) {
            var m = contacts.method(step.methodId()).orElse(null);
            if (m != null) {
                channel = m.channel();
                hint = m.targetHint();
            }
        } else {
            hint = users.find(username)
                    .map(UserAccount::email)
                    .filter(e -> e != null && !e.isBlank())
                    .map(e -> Notifications.hint(Channel.EMAIL, e))
                    .orElse("—");
        }
        long id = deliveries.insertDelivery(
                page.id(), username, kind, channel, step.methodId(), hint, "SKIPPED", now, now);
        deliveries.reason(id, "oncall.why.severity", args);
    }

    /**
     * The page was acknowledged or resolved: the notifications still due are cancelled, with why ({@code code},
     * {@code args}), and their timers removed after the commit.
     */
    void cancelPending(long pageId, String code, List<String> args) {
        for (Delivery d : deliveries.pendingTriggered(pageId)) {
            if (deliveries.cancel(d.id()) == 1) {
                deliveries.reason(d.id(), code, args);
                timers.cancelDelivery(d.id(), d.attempts());
            }
        }
    }
}
