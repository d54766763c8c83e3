package dev.kintsugi.incident;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.persistence.IncidentListRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.platform.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The incident lists and counts, as the current actor may see them. */
final class IncidentReads {
    private final IncidentListRepository incidents;
    private final CatalogManagement catalog;
    private final Clock clock;

    IncidentReads(IncidentListRepository incidents, CatalogManagement catalog, Clock clock) {
        this.incidents = incidents;
        this.catalog = catalog;
        this.clock = clock;
    }

    List<IncidentSummary> mine(int limit) {
        return incidents.openInvolving(Actor.current(), Math.clamp(limit, 1, 50));
    }

    PageResult<IncidentSummary> search(IncidentQuery q) {
        List<Long> serviceFilter = null;
        if (q.service() != null && !q.service().isBlank()) {
            serviceFilter =
                    catalog.findService(q.service()).map(s -> List.of(s.id())).orElse(List.of());
        }
        if (q.team() != null && !q.team().isBlank()) {
            List<Long> ofTeam = catalog.findTeam(q.team())
                    .map(t -> catalog.servicesOwnedBy(t.id()).stream()
                            .map(CatalogService::id)
                            .toList())
                    .orElse(List.of());
            serviceFilter = serviceFilter == null
                    ? ofTeam
                    : serviceFilter.stream().filter(ofTeam::contains).toList();
        }
        int size = PageResult.clampSize(q.size(), 25);
        PageResult<IncidentSummary> page = incidents.search(
                q.statuses(),
                q.severities(),
                serviceFilter,
                q.text(),
                Actor.current(),
                seesEverything(),
                Math.max(0, q.page()),
                size);
        Map<Long, List<Long>> services = incidents.serviceIdsOf(
                page.items().stream().map(IncidentSummary::id).toList());
        Map<Long, String> names = new HashMap<>();
        catalog.servicesById(services.values().stream().flatMap(List::stream).toList())
                .forEach(s -> names.put(s.id(), s.name()));
        return page.map(s -> new IncidentSummary(
                s.id(),
                s.key(),
                s.title(),
                s.severity(),
                s.status(),
                s.privateIncident(),
                s.commander(),
                s.declaredAt(),
                s.resolvedAt(),
                services.getOrDefault(s.id(), List.of()).stream()
                        .map(names::get)
                        .filter(Objects::nonNull)
                        .toList(),
                s.gameDayId()));
    }

    Map<Severity, Long> openBySeverity() {
        return incidents.openBySeverity(Actor.current(), seesEverything());
    }

    List<MonthlyCount> monthlyCounts(int months, ZoneId zone) {
        YearMonth current = YearMonth.from(clock.instant().atZone(zone));
        YearMonth first = current.minusMonths(months - 1L);
        Instant from = first.atDay(1).atStartOfDay(zone).toInstant();
        Map<YearMonth, Map<Severity, Integer>> counts = new LinkedHashMap<>();
        for (int i = 0; i < months; i++) {
            counts.put(first.plusMonths(i), new EnumMap<>(Severity.class));
        }
        for (var e : incidents.declaredSince(from)) {
            var bySeverity = counts.get(YearMonth.from(e.getKey().atZone(zone)));
            if (bySeverity != null) {
                bySeverity.merge(e.getValue(), 1, Integer::sum);
            }
        }
        List<MonthlyCount> result = new ArrayList<>();
        counts.forEach((month, bySeverity) -> result.add(new MonthlyCount(month, bySeverity)));
        return result;
    }

    Set<Long> privateIncidentsHiddenFromViewer() {
        if (seesEverything()) {
            return Set.of();
        }
        return Set.copyOf(incidents.privateIdsHiddenFrom(Actor.current()));
    }

    private static boolean seesEverything() {
        return Actor.isSystem() || Actor.hasRole(Role.ADMIN);
    }
}
