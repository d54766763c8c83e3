package dev.kintsugi.statuspage;

import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Severity;
import java.time.Instant;
import java.util.Collection;

/**
 * How a component's state is derived (pure; see docs/statuspage.md):
 *
 * <ul>
 *   <li>an explicit override whose end time has not passed wins over everything;
 *   <li>else each open published incident on the component's service gives a state by its severity: SEV1 major
 *       outage, SEV2 partial outage, SEV3–SEV5 degraded performance; once the incident is mitigated (milestone
 *       set) or monitoring, it gives at most degraded performance; several incidents give the worst;
 *   <li>maintenance in progress on the component gives "under maintenance" unless an incident gives worse;
 *   <li>otherwise operational.
 * </ul>
 */
public final class StateRules {
    private StateRules() {}

    /** What an open incident says about one of its services. */
    public record Impact(Severity severity, IncidentStatus status, boolean mitigated) {}

    /** An explicit state, until {@code until} (exclusive; null: until removed). */
    public record Override(ComponentState state, Instant until) {
        public boolean activeAt(Instant now) {
            return state != null && (until == null || now.isBefore(until));
        }
    }

    public static ComponentState of(Impact impact) {
        if (impact.status() == null || !impact.status().isOpen()) {
            return ComponentState.OPERATIONAL;
        }
        ComponentState bySeverity = switch (impact.severity()) {
            case SEV1 -> ComponentState.MAJOR_OUTAGE;
            case SEV2 -> ComponentState.PARTIAL_OUTAGE;
            default -> ComponentState.DEGRADED_PERFORMANCE;
        };
        if (impact.mitigated() || impact.status() == IncidentStatus.MONITORING) {
            return bySeverity.ordinal() > ComponentState.DEGRADED_PERFORMANCE.ordinal()
                    ? ComponentState.DEGRADED_PERFORMANCE
                    : bySeverity;
        }
        return bySeverity;
    }

    public static ComponentState derive(
            Collection<Impact> openIncidents, boolean inMaintenance, Override override, Instant now) {
        if (override != null && override.activeAt(now)) {
            return override.state();
        }
        ComponentState state = inMaintenance ? ComponentState.UNDER_MAINTENANCE : ComponentState.OPERATIONAL;
        for (Impact i : openIncidents) {
            state = state.worse(of(i));
        }
        return state;
    }
}
