package dev.kintsugi.incident;

import dev.kintsugi.platform.ConflictException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;

/** Asks every {@link ClosurePolicy} before an incident closes; the first refusal wins (409 with its link). */
final class ClosureCheck {
    /** Looked up when closing, not at start-up: policies belong to modules that themselves use the facade. */
    private final ObjectProvider<ClosurePolicy> policies;

    private final IncidentViews views;

    ClosureCheck(ObjectProvider<ClosurePolicy> policies, IncidentViews views) {
        this.policies = policies;
        this.views = views;
    }

    void requireAllowed(Incident incident, Transition t) {
        if (t.to() != IncidentStatus.CLOSED
                || !incident.status().canMoveTo(IncidentStatus.CLOSED)
                || t.closureReason() == null) {
            return;
        }
        var refusal = refusal(views.view(incident), t.closureReason());
        if (refusal.isPresent()) {
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("currentStatus", incident.status().name());
            if (refusal.get().link() != null) {
                props.put("link", refusal.get().link());
            }
            throw new ConflictException(
                    refusal.get().code(),
                    refusal.get().message(),
                    props,
                    refusal.get().args().toArray());
        }
    }

    Optional<ClosurePolicy.Refusal> refusal(IncidentView incident, ClosureReason reason) {
        for (ClosurePolicy policy : policies.orderedStream().toList()) {
            var refusal = policy.check(incident, reason);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }
}
