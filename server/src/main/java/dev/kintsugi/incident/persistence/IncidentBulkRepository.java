package dev.kintsugi.incident.persistence;

import dev.kintsugi.incident.Incident;
import dev.kintsugi.incident.TimelineEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Incidents read many at a time, for those who build read models (the search index, insights): one query for a
 * page of rows and one per child table ({@code where incident_id in (...)}), whatever the page's size.
 */
@Repository
public class IncidentBulkRepository {
    private final JdbcClient jdbc;
    private final TimelineRepository timelines;

    public IncidentBulkRepository(JdbcClient jdbc, TimelineRepository timelines) {
        this.jdbc = jdbc;
        this.timelines = timelines;
    }

    /** Up to {@code limit} incidents whose id is above {@code afterId}, by id. */
    public List<Incident> after(long afterId, int limit) {
        return byIds(jdbc.sql("select id from incident where id > ? order by id limit ?")
                .params(afterId, limit)
                .query(Long.class)
                .list());
    }

    /** These incidents (those that exist), by id: their children first, then their rows, mapped whole. */
    public List<Incident> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> list = List.copyOf(new LinkedHashSet<>(ids));
        String in = marks(list.size());
        Map<Long, Set<Long>> services = new HashMap<>();
        jdbc.sql("select incident_id, service_id from incident_service where incident_id in (" + in
                        + ") order by incident_id, service_id")
                .params(list)
                .query(rs -> {
                    services.computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>())
                            .add(rs.getLong(2));
                });
        Map<Long, Set<String>> participants = new HashMap<>();
        jdbc.sql("select incident_id, username from incident_participant where incident_id in (" + in
                        + ") order by incident_id, joined_at, username")
                .params(list)
                .query(rs -> {
                    participants
                            .computeIfAbsent(rs.getLong(1), k -> new LinkedHashSet<>())
                            .add(rs.getString(2));
                });
        return jdbc.sql("select * from incident where id in (" + in + ") order by id")
                .params(list)
                .query((rs, n) -> IncidentRepository.incident(
                        rs,
                        services.getOrDefault(rs.getLong("id"), new LinkedHashSet<>()),
                        participants.getOrDefault(rs.getLong("id"), new LinkedHashSet<>())))
                .list();
    }

    /** The number of each of these incidents (for duplicate-of keys), by id. */
    public Map<Long, Long> numbers(Collection<Long> ids) {
        Map<Long, Long> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<Long> list = List.copyOf(new LinkedHashSet<>(ids));
        jdbc.sql("select id, number from incident where id in (" + marks(list.size()) + ")")
                .params(list)
                .query(rs -> {
                    out.put(rs.getLong("id"), rs.getLong("number"));
                });
        return out;
    }

    /** The timelines of these incidents (each ordered by time, as {@link TimelineRepository#timeline}), by id. */
    public Map<Long, List<TimelineEntry>> timelines(Collection<Long> incidentIds) {
        Map<Long, List<TimelineEntry>> out = new LinkedHashMap<>();
        incidentIds.forEach(id -> out.put(id, new ArrayList<>()));
        if (incidentIds.isEmpty()) {
            return out;
        }
        List<Long> list = List.copyOf(out.keySet());
        for (TimelineEntry e : timelines.timelinesOf(list, marks(list.size()))) {
            out.get(e.incidentId()).add(e);
        }
        return out;
    }

    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
