package dev.kintsugi.incident;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.persistence.IncidentRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the aggregate into what people and other modules read, resolving its services from the catalog. */
final class IncidentViews {
    private final IncidentRepository incidents;
    private final CatalogManagement catalog;

    IncidentViews(IncidentRepository incidents, CatalogManagement catalog) {
        this.incidents = incidents;
        this.catalog = catalog;
    }

    IncidentView view(Incident i) {
        String duplicateOf = i.duplicateOf() == null
                ? null
                : incidents.numberOf(i.duplicateOf()).map(Incident::key).orElse(null);
        return view(i, catalog.servicesById(i.serviceIds()), duplicateOf);
    }

    /**
     * Many incidents at once: their services resolved from the catalog once for all ({@code numbers}: the number
     * of each incident they are duplicates of).
     */
    List<IncidentView> views(List<Incident> list, Map<Long, Long> numbers) {
        Map<Long, CatalogService> services = new java.util.HashMap<>();
        catalog.servicesById(list.stream()
                        .flatMap(i -> i.serviceIds().stream())
                        .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)))
                .forEach(s -> services.put(s.id(), s));
        return list.stream()
                .map(i -> view(
                        i,
                        i.serviceIds().stream()
                                .map(services::get)
                                .filter(java.util.Objects::nonNull)
                                .toList(),
                        i.duplicateOf() == null || !numbers.containsKey(i.duplicateOf())
                                ? null
                                : Incident.key(numbers.get(i.duplicateOf()))))
                .toList();
    }

    private static IncidentView view(Incident i, List<CatalogService> catalogServices, String duplicateOf) {
        List<IncidentView.ServiceRef> services = catalogServices.stream()
                .map(s -> new IncidentView.ServiceRef(
                        s.id(), s.name(), s.displayName(), s.ownerTeamId(), s.ownerTeamName()))
                .toList();
        return new IncidentView(
                i.id(),
                i.key(),
                i.number(),
                i.title(),
                i.description(),
                i.severity(),
                i.status(),
                i.isPrivate(),
                i.closureReason(),
                duplicateOf,
                i.roles(),
                i.milestones(),
                services,
                i.participants(),
                i.declaredBy(),
                i.updatedAt(),
                i.version(),
                i.gameDayId());
    }

    /** The teams owning these services now (archived services included: history keeps pointing at them). */
    Set<Long> owningTeams(Set<Long> serviceIds) {
        return catalog.owningTeamIds(serviceIds);
    }

    List<String> serviceNames(Set<Long> serviceIds) {
        return catalog.servicesById(serviceIds).stream()
                .map(CatalogService::name)
                .toList();
    }

    /** What the audit log keeps of an incident before and after a change. */
    static Map<String, Object> snapshot(IncidentView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", v.title());
        m.put("severity", v.severity());
        m.put("status", v.status());
        m.put("private", v.privateIncident());
        m.put("closureReason", v.closureReason());
        m.put("roles", v.roles());
        m.put("milestones", v.milestones());
        m.put(
                "services",
                v.services().stream().map(IncidentView.ServiceRef::name).toList());
        m.put("version", v.version());
        return m;
    }
}
