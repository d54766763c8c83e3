package dev.kintsugi.insights.web;

import dev.kintsugi.incident.Severity;
import dev.kintsugi.insights.ActivityInsights;
import dev.kintsugi.insights.Insights;
import dev.kintsugi.insights.Metric;
import dev.kintsugi.insights.MetricStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Every table of the insights page, built once for the page (its table views) and for the CSV exports, so a
 * table and its export never disagree. Cells are values, formatted by {@link InsightsCells} for each.
 */
@Component
class InsightsTables {
    static final List<String> IDS = List.of(
            "metrics",
            "trend",
            "mtbf",
            "timeliness",
            "countermeasures",
            "alerts-noisiest",
            "alerts-teams",
            "resilience",
            "monkey",
            "data-quality");
    static final int DATA_QUALITY_LIMIT = 500;

    private final Insights insights;
    private final ActivityInsights activity;

    InsightsTables(Insights insights, ActivityInsights activity) {
        this.insights = insights;
        this.activity = activity;
    }

    /** A table: its id (the CSV's name), its column headers (message codes) and rows of cell values. */
    record Table(String id, List<String> headers, List<List<Object>> rows) {
        public boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    /** A duration in seconds (null: nothing measured). */
    record Seconds(Double value) {}

    /** A duration in hours. */
    record Hours(Double value) {}

    /** A message code to translate (a metric's name, yes/no). */
    record Code(String code) {}

    Table table(String id, InsightsRequest r) {
        return switch (id) {
            case "metrics" -> metrics(insights.stats(r.filter()));
            case "trend" -> trend(insights.buckets(r.filter(), r.granularity(), r.zone()));
            case "mtbf" -> mtbf(r);
            case "timeliness" -> timeliness(insights.timeliness(r.filter()));
            case "countermeasures" -> countermeasures(r);
            case "alerts-noisiest" -> noisiest(r);
            case "alerts-teams" -> alertTeams(r);
            case "resilience" -> resilience();
            case "monkey" -> monkey(r);
            case "data-quality" -> dataQuality(r);
            default -> throw new dev.kintsugi.platform.NotFoundException("Insights table", id);
        };
    }

    /**
     * Every table but the data-quality list (the page lists those itself, with a form per missing milestone); the
     * headline figures and the trend from one pass over the period's incidents.
     */
    Map<String, Table> page(InsightsRequest r) {
        Insights.Overview overview = insights.overview(r.filter(), r.granularity(), r.zone());
        Map<String, Table> all = new java.util.LinkedHashMap<>();
        for (String id : IDS) {
            switch (id) {
                case "metrics" -> all.put(id, metrics(overview.stats()));
                case "trend" -> all.put(id, trend(overview.buckets()));
                case "data-quality" -> {}
                default -> all.put(id, table(id, r));
            }
        }
        return all;
    }

    Table metrics(Map<Metric, MetricStats> stats) {
        List<List<Object>> rows = new ArrayList<>();
        for (MetricStats s : stats.values()) {
            rows.add(List.of(
                    new Code("insights.metric." + s.metric().name().toLowerCase(Locale.ROOT)),
                    s.measured(),
                    s.missing(),
                    new Seconds(s.mean()),
                    new Seconds(s.median()),
                    new Seconds(s.p90())));
        }
        return new Table(
                "metrics",
                List.of(
                        "insights.col.metric",
                        "insights.col.measured",
                        "insights.col.missing",
                        "insights.col.mean",
                        "insights.col.median",
                        "insights.col.p90"),
                rows);
    }

    Table trend(List<Insights.Bucket> buckets) {
        List<String> headers = new ArrayList<>(List.of("insights.col.period"));
        for (Severity s : Severity.values()) {
            headers.add(s.name());
        }
        headers.add("insights.col.total");
        headers.add("insights.col.medianResolve");
        List<List<Object>> rows = new ArrayList<>();
        for (Insights.Bucket b : buckets) {
            List<Object> row = new ArrayList<>();
            row.add(b.start().toString());
            for (Severity s : Severity.values()) {
                row.add((long) b.bySeverity().getOrDefault(s, 0));
            }
            row.add((long) b.total());
            row.add(new Seconds(b.medianResolveSeconds()));
            rows.add(row);
        }
        return new Table("trend", headers, rows);
    }

    private Table mtbf(InsightsRequest r) {
        List<List<Object>> rows = new ArrayList<>();
        for (Insights.ServiceMtbf m : insights.mtbf(r.filter())) {
            rows.add(List.of(m.service(), m.incidents(), new Seconds(m.meanSecondsBetween())));
        }
        return new Table("mtbf", List.of("insights.col.service", "insights.col.incidents", "insights.col.mtbf"), rows);
    }

    Table timeliness(Insights.Timeliness t) {
        List<List<Object>> rows = t.resolved() == 0
                ? List.of()
                : List.of(List.of(
                        t.resolved(),
                        t.published(),
                        t.unpublished(),
                        new Hours(t.medianHours()),
                        new Hours(t.p90Hours())));
        return new Table(
                "timeliness",
                List.of(
                        "insights.col.resolved",
                        "insights.col.published",
                        "insights.col.unpublished",
                        "insights.col.medianHours",
                        "insights.col.p90Hours"),
                rows);
    }

    private Table countermeasures(InsightsRequest r) {
        List<List<Object>> rows = new ArrayList<>();
        for (Insights.TeamCountermeasures c :
                insights.countermeasures(r.filter().from(), r.filter().to(), r.zone())) {
            rows.add(java.util.Arrays.asList(
                    c.team() == null ? new Code("insights.noTeam") : c.team(),
                    c.total(),
                    c.done(),
                    c.wontDo(),
                    c.overdue(),
                    c.percentDone()));
        }
        return new Table(
                "countermeasures",
                List.of(
                        "insights.col.team",
                        "insights.col.total",
                        "insights.col.done",
                        "insights.col.wontDo",
                        "insights.col.overdue",
                        "insights.col.percentDone"),
                rows);
    }

    private Table noisiest(InsightsRequest r) {
        List<List<Object>> rows = new ArrayList<>();
        for (ActivityInsights.NoisyAlert a :
                activity.noisiestAlerts(r.filter().from(), r.filter().to(), 10)) {
            rows.add(List.of(
                    a.title(),
                    (long) a.triggers(),
                    new Code(a.documented() ? "insights.yes" : "insights.no"),
                    new Seconds(
                            a.acknowledgeSeconds() == null
                                    ? null
                                    : a.acknowledgeSeconds().doubleValue())));
        }
        return new Table(
                "alerts-noisiest",
                List.of(
                        "insights.col.alert",
                        "insights.col.triggers",
                        "insights.col.documented",
                        "insights.col.timeToAcknowledge"),
                rows);
    }

    private Table alertTeams(InsightsRequest r) {
        List<List<Object>> rows = new ArrayList<>();
        for (ActivityInsights.TeamAlerts t :
                activity.alertsByTeam(r.filter().from(), r.filter().to())) {
            rows.add(List.of(
                    t.team(),
                    t.groups(),
                    t.undocumented(),
                    t.acknowledged(),
                    new Seconds(t.meanAckSeconds()),
                    new Seconds(t.medianAckSeconds())));
        }
        return new Table(
                "alerts-teams",
                List.of(
                        "insights.col.team",
                        "insights.col.groups",
                        "insights.col.undocumented",
                        "insights.col.acknowledged",
                        "insights.col.meanMtta",
                        "insights.col.medianMtta"),
                rows);
    }

    private Table resilience() {
        List<List<Object>> rows = new ArrayList<>();
        for (ActivityInsights.ServiceResilience s : activity.resilience()) {
            rows.add(List.of(s.service(), (long) s.score()));
        }
        return new Table("resilience", List.of("insights.col.service", "insights.col.score"), rows);
    }

    private Table monkey(InsightsRequest r) {
        List<List<Object>> rows = new ArrayList<>();
        for (ActivityInsights.ServiceTerminations t : activity.monkeyTerminations(r.filter())) {
            rows.add(List.of(t.service(), t.carriedOut(), t.leashed(), t.total()));
        }
        return new Table(
                "monkey",
                List.of(
                        "insights.col.service",
                        "insights.col.carriedOut",
                        "insights.col.leashed",
                        "insights.col.terminations"),
                rows);
    }

    private Table dataQuality(InsightsRequest r) {
        List<List<Object>> rows = new ArrayList<>();
        for (Insights.IncompleteIncident i : insights.incomplete(r.filter(), DATA_QUALITY_LIMIT)) {
            rows.add(List.of(
                    i.team() == null ? new Code("insights.noTeam") : i.team(),
                    i.key(),
                    i.title() == null ? new Code("insights.privateTitle") : i.title(),
                    new Code(String.join(
                            ",",
                            i.missing().stream()
                                    .map(m -> "incident.milestone." + m)
                                    .toList()))));
        }
        return new Table(
                "data-quality",
                List.of(
                        "insights.col.team",
                        "insights.col.incident",
                        "insights.col.title",
                        "insights.col.missingMilestones"),
                rows);
    }
}
