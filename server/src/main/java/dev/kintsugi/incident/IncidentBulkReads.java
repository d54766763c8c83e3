package dev.kintsugi.incident;

import dev.kintsugi.incident.persistence.IncidentBulkRepository;
import dev.kintsugi.platform.Actor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads for those who build read models from the incidents (the search index, insights): a page of whole
 * incidents in a constant number of queries, for the system only (no privacy filtering: the caller applies it).
 */
final class IncidentBulkReads {
    /** The largest page: the ids go into {@code in (...)} lists. */
    static final int MAX_PAGE = 1000;

    private final IncidentBulkRepository bulk;
    private final IncidentViews views;

    IncidentBulkReads(IncidentBulkRepository bulk, IncidentViews views) {
        this.bulk = bulk;
        this.views = views;
    }

    List<IncidentView> readAll(long afterId, int limit) {
        requireSystem();
        return views(bulk.after(afterId, limit(limit)));
    }

    List<IncidentView> readByIds(Collection<Long> ids) {
        requireSystem();
        atMostOnePage(ids);
        return views(bulk.byIds(ids));
    }

    Map<Long, List<TimelineEntry>> timelines(Collection<Long> ids) {
        requireSystem();
        atMostOnePage(ids);
        return bulk.timelines(ids);
    }

    private List<IncidentView> views(List<Incident> incidents) {
        List<Long> duplicates = incidents.stream()
                .map(Incident::duplicateOf)
                .filter(Objects::nonNull)
                .toList();
        return views.views(incidents, bulk.numbers(duplicates));
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("a bulk read takes 1 to " + MAX_PAGE + " incidents, not " + limit);
        }
        return limit;
    }

    private static void atMostOnePage(Collection<Long> ids) {
        if (ids.size() > MAX_PAGE) {
            throw new IllegalArgumentException("a bulk read takes at most " + MAX_PAGE + " ids, not " + ids.size());
        }
    }

    /** These reads see private incidents: the system's alone (index builders run as the system). */
    private static void requireSystem() {
        if (!Actor.isSystem()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "bulk incident reads are for the system (Actor.runAsSystem)");
        }
    }
}
