package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.IncidentContributions;
import dev.kintsugi.incident.OpenIncident;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The product's guardrails, checked before a run starts (and, for incidents, while it runs): the kill switch, an
 * open incident of a blocking severity on a target service, the service's window, its blast-radius caps and its
 * allow-lists. Each refusal says why ({@link RunRefused}).
 */
@Component
class Guardrails {
    private final FaultRepository faultRows;
    private final RunRepository runRows;
    private final TargetRepository targetRows;
    private final IncidentContributions incidents;
    private final CatalogManagement catalog;
    private final ChaosProperties properties;

    Guardrails(
            FaultRepository faultRows,
            RunRepository runRows,
            TargetRepository targetRows,
            IncidentContributions incidents,
            CatalogManagement catalog,
            ChaosProperties properties) {
        this.faultRows = faultRows;
        this.runRows = runRows;
        this.targetRows = targetRows;
        this.incidents = incidents;
        this.catalog = catalog;
        this.properties = properties;
    }

    void check(ExperimentView experiment, List<Engine.Step> steps, Instant now, int runningInServer) {
        if (faultRows.killSwitch().engaged()) {
            throw new RunRefused(
                    "chaos.refused.kill-switch", "The kill switch is engaged: no experiment may start until released");
        }
        if (runningInServer >= properties.maxParallelRuns()) {
            throw new RunRefused(
                    "chaos.refused.capacity",
                    "This server already runs " + runningInServer + " experiments (kintsugi.chaos.max-parallel-runs)",
                    Integer.toString(runningInServer));
        }
        blockingIncident(experiment.serviceIds()).ifPresent(i -> {
            throw new RunRefused(
                    "chaos.refused.incident",
                    "Incident " + i.key() + " (" + i.severity() + ") is open on a target service",
                    i.key(),
                    i.severity().name());
        });
        for (CatalogService service : catalog.servicesById(experiment.serviceIds())) {
            ServicePolicy policy = targetRows.policy(service.id()).orElse(ServicePolicy.defaults(service.id()));
            window(service, policy, now);
            int running = runRows.runningOnService(service.id());
            if (running >= policy.maxConcurrentRuns()) {
                throw new RunRefused(
                        "chaos.refused.concurrent",
                        "Service " + service.name() + " already has " + running + " run(s) in progress (at most "
                                + policy.maxConcurrentRuns() + ")",
                        service.name(),
                        Integer.toString(policy.maxConcurrentRuns()));
            }
            for (Engine.Step step : steps) {
                allowed(service, policy, step);
            }
        }
    }

    /** The most severe open incident of a blocking severity on these services. */
    java.util.Optional<OpenIncident> blockingIncident(List<Long> serviceIds) {
        if (serviceIds.isEmpty()) {
            return java.util.Optional.empty();
        }
        return incidents.openOn(serviceIds).stream()
                .filter(i -> properties.blockingSeverities().contains(i.severity()))
                .findFirst();
    }

    private static void window(CatalogService service, ServicePolicy policy, Instant now) {
        ZoneId zone = policy.windowZone() == null ? ZoneId.of("UTC") : ZoneId.of(policy.windowZone());
        ZonedDateTime local = now.atZone(zone);
        boolean dayOk = policy.windowDays().isEmpty()
                || policy.windowDays().stream().anyMatch(d -> local.getDayOfWeek() == day(d));
        boolean hourOk = true;
        if (policy.windowStart() != null && policy.windowEnd() != null) {
            LocalTime t = local.toLocalTime();
            LocalTime start = LocalTime.parse(policy.windowStart());
            LocalTime end = LocalTime.parse(policy.windowEnd());
            hourOk =
                    start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
        }
        if (!dayOk || !hourOk) {
            String days = policy.windowDays().isEmpty() ? "every day" : String.join(",", policy.windowDays());
            String hours = policy.windowStart() == null ? "all day" : policy.windowStart() + "–" + policy.windowEnd();
            throw new RunRefused(
                    "chaos.refused.window",
                    "Outside the window of " + service.name() + ": " + days + ", " + hours + " (" + zone + ")",
                    service.name(),
                    days,
                    hours,
                    zone.getId());
        }
    }

    static DayOfWeek day(String d) {
        for (DayOfWeek w : DayOfWeek.values()) {
            if (w.getDisplayName(TextStyle.SHORT, Locale.ROOT).equalsIgnoreCase(d)
                    || w.name().equalsIgnoreCase(d)) {
                return w;
            }
        }
        throw new IllegalArgumentException("not a day: " + d);
    }

    private static void allowed(CatalogService service, ServicePolicy policy, Engine.Step step) {
        if (step.host() != null
                && !policy.allowedHosts().isEmpty()
                && !policy.allowedHosts().contains(step.host())) {
            throw outside(service, step, "host", step.host());
        }
        if (step.proxy() != null
                && !policy.allowedProxies().isEmpty()
                && !policy.allowedProxies().contains(step.proxy())) {
            throw outside(service, step, "proxy", step.proxy());
        }
        if (step.namespace() != null
                && !policy.allowedNamespaces().isEmpty()
                && !policy.allowedNamespaces().contains(step.namespace())) {
            throw outside(service, step, "namespace", step.namespace());
        }
        if (step.deletesPods() && step.maxPercent() != null && step.maxPercent() > policy.maxPodPercent()) {
            throw new RunRefused(
                    "chaos.refused.pods",
                    "Activity '" + step.name() + "' may delete " + step.maxPercent() + " % of the pods of "
                            + service.name() + " (at most " + policy.maxPodPercent() + " %)",
                    step.name(),
                    Integer.toString(step.maxPercent()),
                    service.name(),
                    Integer.toString(policy.maxPodPercent()));
        }
    }

    private static RunRefused outside(CatalogService service, Engine.Step step, String what, String value) {
        return new RunRefused(
                "chaos.refused.allow-list",
                "Activity '" + step.name() + "' touches " + what + " " + value + ", not in the allow-list of "
                        + service.name(),
                step.name(),
                what,
                value,
                service.name());
    }
}
