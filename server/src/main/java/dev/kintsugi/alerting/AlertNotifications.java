package dev.kintsugi.alerting;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Where a new alert group's notification decision is made and ends today: once per group (repeats, however many,
 * never decide again), recorded on the group and shown on its page. A silenced alert or one whose service is in
 * maintenance pages nobody; a flapping one and one routed "notify only" notify without paging; the rest page.
 *
 * <p>A {@link Decision#PAGE} is announced as {@link AlertGroupEscalationRequested}. Paging itself belongs to the
 * on-call module: once it exists, {@link #requested} is the one place that calls its {@code Paging.page(...)}
 * (idempotent per group) with the group's services, teams, severity and link. Until then nobody is paged, and the
 * page of the group says so.
 */
@Component
class AlertNotifications {
    Decision decide(RoutingAction routing, boolean flapping, Optional<String> suppressedBy) {
        if (suppressedBy.isPresent()) {
            return Decision.SUPPRESSED;
        }
        if (flapping || routing == RoutingAction.NOTIFY_ONLY) {
            return Decision.NOTIFY_ONLY;
        }
        return Decision.PAGE;
    }

    /** Records the decision on the group and announces a page request (the on-call module's seam). */
    void requested(AlertGroup group, java.time.Instant at) {
        if (group.view().decision() == Decision.PAGE) {
            group.escalate(at);
        }
    }
}
