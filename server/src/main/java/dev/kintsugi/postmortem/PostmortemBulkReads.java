package dev.kintsugi.postmortem;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.postmortem.persistence.PostmortemBulkRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Pages of whole post-mortems for those who build read models (the search index, insights), in a constant number
 * of queries per page (their incidents too, in one bulk read), for the system only: no privacy filtering.
 */
@Component
class PostmortemBulkReads {
    /** The largest page: the ids go into {@code in (...)} lists. */
    static final int MAX_PAGE = 1000;

    private final PostmortemBulkRepository bulk;
    private final IncidentManagement incidents;
    private final CatalogManagement catalog;
    private final Clock clock;

    PostmortemBulkReads(
            PostmortemBulkRepository bulk, IncidentManagement incidents, CatalogManagement catalog, Clock clock) {
        this.bulk = bulk;
        this.incidents = incidents;
        this.catalog = catalog;
        this.clock = clock;
    }

    List<PostmortemRecord> readAll(long afterId, int limit) {
        if (!Actor.isSystem()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "bulk post-mortem reads are for the system (Actor.runAsSystem)");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("a bulk read takes 1 to " + MAX_PAGE + " post-mortems, not " + limit);
        }
        List<PostmortemBulkRepository.Loaded> loaded = bulk.load(
                bulk.idsAfter(afterId, limit),
                this::serviceNames,
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        List<Long> incidentIds = loaded.stream()
                .map(l -> l.row().incidentId())
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<Long, IncidentView> byId = incidentIds.isEmpty()
                ? Map.of()
                : incidents.readByIds(incidentIds).stream()
                        .collect(Collectors.toMap(IncidentView::id, Function.identity()));
        return loaded.stream()
                .map(l -> {
                    IncidentView incident = l.row().incidentId() == null
                            ? null
                            : byId.get(l.row().incidentId());
                    return new PostmortemRecord(
                            PostmortemAccess.view(l.row(), l.content(), incident),
                            incident,
                            l.timeline(),
                            l.countermeasures());
                })
                .toList();
    }

    private Map<Long, String> serviceNames(java.util.Set<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        for (CatalogService s : catalog.servicesById(ids)) {
            names.put(s.id(), s.name());
        }
        return names;
    }
}
