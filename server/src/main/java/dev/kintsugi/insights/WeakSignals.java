package dev.kintsugi.insights;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Weak signals: within {@code kintsugi.insights.window} ending now, a service with repeated low-severity incidents
 * without a post-mortem, or an alert definition firing again and again, that nothing addresses yet.
 */
@Service
public class WeakSignals {
    private final InsightsStore store;
    private final AlertStore alerts;
    private final CatalogNames names;
    private final InsightsProperties properties;
    private final Clock clock;

    WeakSignals(
            InsightsStore store, AlertStore alerts, CatalogNames names, InsightsProperties properties, Clock clock) {
        this.store = store;
        this.alerts = alerts;
        this.names = names;
        this.properties = properties;
        this.clock = clock;
    }

    public enum SignalKind {
        LOW_SEVERITY,
        ALERT
    }

    /** A pattern nothing addresses yet: the service(s), and the evidence (incident keys, or the alert's title). */
    public record WeakSignal(SignalKind kind, List<String> services, long count, List<String> evidence) {}

    /** The weak signals of the configured window ending now. */
    @Transactional(readOnly = true)
    public List<WeakSignal> current() {
        Instant from = clock.instant().minus(properties.window());
        CatalogNames.Lookup n = names.now();
        List<WeakSignal> signals = new ArrayList<>();
        for (InsightsStore.Repeated r :
                store.repeatedLowSeverity(from, properties.lowSeverities(), properties.lowSeverityIncidents())) {
            if (!store.addressed(r.serviceId(), from)) {
                signals.add(new WeakSignal(
                        SignalKind.LOW_SEVERITY,
                        List.of(n.service(r.serviceId())),
                        r.keys().size(),
                        r.keys()));
            }
        }
        for (AlertStore.Recurring r : alerts.recurringAlerts(from, properties.alertRepeats())) {
            if (r.serviceIds().stream().noneMatch(s -> store.addressed(s, from))) {
                signals.add(new WeakSignal(
                        SignalKind.ALERT,
                        r.serviceIds().stream().map(n::service).toList(),
                        r.triggers(),
                        List.of(r.title())));
            }
        }
        return signals;
    }
}
