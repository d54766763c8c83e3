package dev.kintsugi.statuspage.web;

import dev.kintsugi.statuspage.ComponentState;
import dev.kintsugi.statuspage.Maintenance;
import dev.kintsugi.statuspage.PublicUpdate;
import dev.kintsugi.statuspage.StatusPageProperties;
import dev.kintsugi.statuspage.StatusSnapshot;
import dev.kintsugi.statuspage.StatusSnapshot.ComponentStatus;
import dev.kintsugi.statuspage.StatusSnapshot.IncidentCard;
import dev.kintsugi.statuspage.UpdateTexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Atlassian Statuspage's public {@code /api/v2/summary.json} and {@code status.json} shapes, so that existing
 * widgets and monitors read ours unchanged: {@code page}, {@code status{indicator, description}},
 * {@code components[]} (groups as components with {@code group: true}), {@code incidents[]} (unresolved) with
 * their {@code incident_updates[]}, {@code scheduled_maintenances[]} (upcoming or in progress). Ids are strings.
 */
final class StatuspageJson {
    static final String PAGE_ID = "kintsugi";

    private StatuspageJson() {}

    static Map<String, Object> of(
            StatusSnapshot s, StatusPageProperties brand, UpdateTexts texts, String base, boolean full) {
        Map<String, Object> out = new LinkedHashMap<>();
        Instant updated = updatedAt(s);
        out.put(
                "page",
                map(
                        "id",
                        PAGE_ID,
                        "name",
                        brand.name(),
                        "url",
                        base + "/status",
                        "time_zone",
                        "Etc/UTC",
                        "updated_at",
                        updated.toString()));
        if (full) {
            out.put("components", components(s, updated));
            out.put(
                    "incidents",
                    s.active().stream().map(i -> incident(i, texts)).toList());
            out.put(
                    "scheduled_maintenances",
                    s.maintenance().stream().map(m -> maintenance(m, s)).toList());
        }
        out.put("status", map("indicator", s.overall().indicator(), "description", description(s.overall())));
        return out;
    }

    static String description(ComponentState overall) {
        return switch (overall) {
            case OPERATIONAL -> "All Systems Operational";
            case UNDER_MAINTENANCE -> "Service Under Maintenance";
            case DEGRADED_PERFORMANCE -> "Minor Service Outage";
            case PARTIAL_OUTAGE -> "Partial System Outage";
            case MAJOR_OUTAGE -> "Major System Outage";
        };
    }

    private static List<Map<String, Object>> components(StatusSnapshot s, Instant updated) {
        List<Map<String, Object>> out = new ArrayList<>();
        int position = 1;
        for (StatusSnapshot.Group g : s.groups()) {
            String groupId = null;
            if (g.name() != null) {
                groupId = "group-" + g.components().getFirst().serviceId();
                ComponentState worst = ComponentState.OPERATIONAL;
                for (ComponentStatus c : g.components()) {
                    worst = worst.worse(c.state());
                }
                Map<String, Object> group = component(groupId, g.name(), worst, position++, null, null, updated);
                group.put("group", true);
                group.put(
                        "components",
                        g.components().stream().map(c -> id(c.serviceId())).toList());
                out.add(group);
            }
            for (ComponentStatus c : g.components()) {
                Map<String, Object> m = component(
                        id(c.serviceId()), c.name(), c.state(), position++, c.description(), groupId, updated);
                m.put("group", false);
                out.add(m);
            }
        }
        return out;
    }

    private static Map<String, Object> component(
            String id,
            String name,
            ComponentState state,
            int position,
            String description,
            String groupId,
            Instant updated) {
        Map<String, Object> m = map(
                "id",
                id,
                "name",
                name,
                "status",
                state.json(),
                "created_at",
                updated.toString(),
                "updated_at",
                updated.toString(),
                "position",
                position);
        m.put("description", description);
        m.put("showcase", true);
        m.put("start_date", null);
        m.put("group_id", groupId);
        m.put("page_id", PAGE_ID);
        m.put("only_show_if_degraded", false);
        return m;
    }

    private static Map<String, Object> incident(IncidentCard i, UpdateTexts texts) {
        List<PublicUpdate> updates = i.updates();
        Instant created = updates.getLast().publishedAt();
        Map<String, Object> m = map(
                "id",
                String.valueOf(i.id()),
                "name",
                i.title(),
                "status",
                i.status().json(),
                "created_at",
                created.toString(),
                "updated_at",
                i.updatedAt().toString());
        m.put(
                "monitoring_at",
                updates.stream()
                        .filter(u -> u.status() == dev.kintsugi.statuspage.UpdateStatus.MONITORING)
                        .map(u -> u.publishedAt().toString())
                        .reduce((a, b) -> b)
                        .orElse(null));
        m.put("resolved_at", null);
        m.put(
                "impact",
                i.impact() == ComponentState.UNDER_MAINTENANCE
                        ? "none"
                        : i.impact().indicator());
        m.put("shortlink", null);
        m.put(
                "started_at",
                i.startedAt() == null ? created.toString() : i.startedAt().toString());
        m.put("page_id", PAGE_ID);
        m.put(
                "incident_updates",
                updates.stream()
                        .map(u -> {
                            Map<String, Object> x = map(
                                    "id",
                                    String.valueOf(u.id()),
                                    "status",
                                    u.status().json(),
                                    "body",
                                    texts.body(u, i),
                                    "incident_id",
                                    String.valueOf(i.id()),
                                    "created_at",
                                    u.publishedAt().toString(),
                                    "updated_at",
                                    u.publishedAt().toString());
                            x.put("display_at", u.publishedAt().toString());
                            x.put("affected_components", null);
                            x.put("deliver_notifications", true);
                            x.put("custom_tweet", null);
                            x.put("tweet_id", null);
                            return x;
                        })
                        .toList());
        m.put(
                "components",
                i.serviceIds().stream()
                        .map(id -> map(
                                "id",
                                id(id),
                                "name",
                                i.components().get(i.serviceIds().indexOf(id))))
                        .toList());
        return m;
    }

    private static Map<String, Object> maintenance(Maintenance mt, StatusSnapshot s) {
        boolean inProgress = mt.inProgressAt(s.at());
        Map<String, Object> m = map(
                "id",
                "maintenance-" + mt.id(),
                "name",
                mt.title(),
                "status",
                inProgress ? "in_progress" : "scheduled",
                "created_at",
                mt.startsAt().toString(),
                "updated_at",
                mt.startsAt().toString());
        m.put("monitoring_at", null);
        m.put("resolved_at", null);
        m.put("impact", "maintenance");
        m.put("shortlink", null);
        m.put("started_at", mt.startsAt().toString());
        m.put("page_id", PAGE_ID);
        m.put("scheduled_for", mt.startsAt().toString());
        m.put("scheduled_until", mt.endsAt().toString());
        m.put(
                "incident_updates",
                mt.body() == null
                        ? List.of()
                        : List.of(map(
                                "id",
                                "maintenance-" + mt.id() + "-1",
                                "status",
                                inProgress ? "in_progress" : "scheduled",
                                "body",
                                mt.body(),
                                "incident_id",
                                "maintenance-" + mt.id(),
                                "created_at",
                                mt.startsAt().toString(),
                                "updated_at",
                                mt.startsAt().toString())));
        m.put(
                "components",
                s.components().stream()
                        .filter(c -> mt.serviceIds().contains(c.serviceId()))
                        .map(c -> map("id", id(c.serviceId()), "name", c.name()))
                        .toList());
        return m;
    }

    private static Instant updatedAt(StatusSnapshot s) {
        Instant latest = Instant.EPOCH;
        for (IncidentCard i : s.active()) {
            latest = i.updatedAt().isAfter(latest) ? i.updatedAt() : latest;
        }
        for (IncidentCard i : s.past()) {
            latest = i.updatedAt().isAfter(latest) ? i.updatedAt() : latest;
        }
        return latest.equals(Instant.EPOCH) ? s.at() : latest;
    }

    private static String id(long serviceId) {
        return String.valueOf(serviceId);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
