package dev.kintsugi.postmortem.persistence;

import dev.kintsugi.postmortem.CountermeasureView;
import dev.kintsugi.postmortem.PostmortemContent;
import dev.kintsugi.postmortem.TimelineItem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Post-mortems read many at a time, for those who build read models (the search index, insights): a page costs
 * one query for its rows and one per child table ({@code where postmortem_id in (...)}), whatever its size.
 */
@Repository
public class PostmortemBulkRepository {
    private final JdbcClient jdbc;
    private final PostmortemTimelineRepository timelines;
    private final CountermeasureRepository countermeasures;

    public PostmortemBulkRepository(
            JdbcClient jdbc, PostmortemTimelineRepository timelines, CountermeasureRepository countermeasures) {
        this.jdbc = jdbc;
        this.timelines = timelines;
        this.countermeasures = countermeasures;
    }

    /** A post-mortem's row, its content (services by name), its own timeline and its countermeasures. */
    public record Loaded(
            PostmortemRepository.Row row,
            PostmortemContent content,
            List<TimelineItem> timeline,
            List<CountermeasureView> countermeasures) {}

    /** The ids of up to {@code limit} post-mortems after {@code afterId}, in order. */
    public List<Long> idsAfter(long afterId, int limit) {
        return jdbc.sql("select id from postmortem where id > ? order by id limit ?")
                .params(afterId, limit)
                .query(Long.class)
                .list();
    }

    /**
     * These post-mortems (those that exist), by id, whole. {@code serviceNames} answers the catalog names of the
     * services found (called once); {@code today} says which countermeasures are overdue.
     */
    public List<Loaded> load(
            Collection<Long> ids, Function<Set<Long>, Map<Long, String>> serviceNames, LocalDate today) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Long> list = List.copyOf(new LinkedHashSet<>(ids));
        String in = marks(list.size());
        Map<Long, List<String>> participants = children(
                "select postmortem_id, username from postmortem_participant where postmortem_id in (" + in
                        + ") order by postmortem_id, username",
                list,
                (rs, n) -> rs.getString(2));
        Map<Long, List<String>> tags = children(
                "select postmortem_id, tag from postmortem_tag where postmortem_id in (" + in
                        + ") order by postmortem_id, tag",
                list,
                (rs, n) -> rs.getString(2));
        Map<Long, List<Long>> serviceIds = children(
                "select postmortem_id, service_id from postmortem_service where postmortem_id in (" + in
                        + ") order by postmortem_id, service_id",
                list,
                (rs, n) -> rs.getLong(2));
        Map<Long, List<PostmortemContent.Factor>> factors = children(
                "select postmortem_id, category, description from postmortem_factor where postmortem_id in (" + in
                        + ") order by postmortem_id, position",
                list,
                (rs, n) -> PostmortemRepository.factor(rs));
        Map<Long, List<PostmortemContent.Decision>> decisions = children(
                "select postmortem_id, decision, why_it_made_sense, decided_at from postmortem_decision"
                        + " where postmortem_id in (" + in
                        + ") order by postmortem_id, position",
                list,
                (rs, n) -> PostmortemRepository.decision(rs));
        Map<Long, List<PostmortemContent.Link>> links = children(
                "select postmortem_id, kind, title, url from postmortem_link where postmortem_id in (" + in
                        + ") order by postmortem_id, position",
                list,
                (rs, n) -> PostmortemRepository.link(rs));
        Set<Long> allServices = new LinkedHashSet<>();
        serviceIds.values().forEach(allServices::addAll);
        Map<Long, String> names = serviceNames.apply(allServices);
        Map<Long, List<TimelineItem>> timeline = new HashMap<>();
        for (PostmortemTimelineRepository.Entry e : timelines.timelinesOf(list, in)) {
            timeline.computeIfAbsent(e.postmortemId(), k -> new ArrayList<>()).add(e.item());
        }
        Map<Long, List<CountermeasureView>> measures = new HashMap<>();
        for (CountermeasureView c : countermeasures.ofPostmortems(list, in, today)) {
            measures.computeIfAbsent(c.postmortemId(), k -> new ArrayList<>()).add(c);
        }
        return jdbc.sql("select * from postmortem where id in (" + in + ") order by id")
                .params(list)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    PostmortemContent content = PostmortemRepository.content(
                            rs,
                            participants.getOrDefault(id, List.of()),
                            tags.getOrDefault(id, List.of()),
                            serviceIds.getOrDefault(id, List.of()).stream()
                                    .map(names::get)
                                    .filter(Objects::nonNull)
                                    .toList(),
                            factors.getOrDefault(id, List.of()),
                            decisions.getOrDefault(id, List.of()),
                            links.getOrDefault(id, List.of()));
                    return new Loaded(
                            PostmortemRepository.row(rs, n),
                            content,
                            List.copyOf(timeline.getOrDefault(id, List.of())),
                            List.copyOf(measures.getOrDefault(id, List.of())));
                })
                .list();
    }

    /** Child rows by their post-mortem (column 1, always {@code postmortem_id}), each mapped by {@code value}. */
    private <T> Map<Long, List<T>> children(String sql, List<Long> ids, RowMapper<T> value) {
        Map<Long, List<T>> out = new HashMap<>();
        jdbc.sql(sql).params(ids).query(rs -> {
            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(value.mapRow(rs, 0));
        });
        return out;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
