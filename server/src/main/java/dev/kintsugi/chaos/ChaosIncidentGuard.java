package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.IncidentDeclared;
import dev.kintsugi.incident.IncidentSeverityChanged;
import dev.kintsugi.incident.Severity;
import java.util.Set;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A run in progress stops and rolls back when an incident of a blocking severity is declared (or raised to one) on
 * one of its services; an incident of a lower severity hears what the experiment is doing (the loop).
 */
@Component
class ChaosIncidentGuard {
    private final FaultRepository faultRows;
    private final RunRepository runRows;
    private final RunEngine engine;
    private final ChaosProperties properties;
    private final ChaosExperiments experiments;
    private final CatalogManagement catalog;
    private final java.time.Clock clock;

    ChaosIncidentGuard(
            FaultRepository faultRows,
            RunRepository runRows,
            RunEngine engine,
            ChaosProperties properties,
            ChaosExperiments experiments,
            CatalogManagement catalog,
            java.time.Clock clock) {
        this.faultRows = faultRows;
        this.runRows = runRows;
        this.engine = engine;
        this.properties = properties;
        this.experiments = experiments;
        this.catalog = catalog;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(IncidentDeclared e) {
        react(e.key(), e.severity(), e.serviceIds());
    }

    @ApplicationModuleListener
    void on(IncidentSeverityChanged e) {
        react(e.key(), e.to(), e.serviceIds());
    }

    private void react(String key, Severity severity, Set<Long> serviceIds) {
        dev.kintsugi.platform.Actor.runAsSystem(
                "incident " + key + " on a service under experiment", () -> reactAsSystem(key, severity, serviceIds));
    }

    private void reactAsSystem(String key, Severity severity, Set<Long> serviceIds) {
        for (RunView run : runRows.runningRuns()) {
            if (run.serviceIds().stream().noneMatch(serviceIds::contains)) {
                continue;
            }
            if (properties.blockingSeverities().contains(severity)) {
                String reason = "incident " + key + " (" + severity + ") declared on a target service";
                runRows.stopReason(run.id(), reason);
                engine.interrupt(run.id(), reason);
            } else if (engine.isActive(run.id())) {
                boolean injecting = faultRows.faultsOf(run.id()).stream().anyMatch(FaultView::inPlace);
                if (injecting) {
                    String faults = String.join(
                            "; ",
                            faultRows.faultsOf(run.id()).stream()
                                    .filter(FaultView::inPlace)
                                    .map(FaultView::description)
                                    .toList());
                    String services = String.join(
                            ", ",
                            catalog.servicesById(run.serviceIds()).stream()
                                    .map(CatalogService::name)
                                    .sorted()
                                    .toList());
                    engine.note(
                            new RunEngine.Launch(
                                    run.id(),
                                    run.experimentId(),
                                    run.experimentVersion(),
                                    run.experimentTitle(),
                                    "",
                                    run.dry(),
                                    run.serviceIds(),
                                    experiments.teams(run.serviceIds())),
                            key,
                            faults,
                            services,
                            clock.instant());
                }
            }
        }
    }
}
