package dev.kintsugi.insights;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.Actor;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The incident figures over the read model (metrics, trend, MTBF, data quality, post-mortem timeliness,
 * countermeasures), for the page, the API and the gauges, and the rebuild. Titles of private incidents are shown only
 * to those the incident module lets see them; the counts include them. Alerts and chaos: {@link ActivityInsights};
 * weak signals: {@link WeakSignals}.
 */
@Service
public class Insights {
    private final InsightsStore store;
    private final InsightsRebuild rebuild;
    private final IncidentManagement incidents;
    private final CatalogNames names;
    private final Clock clock;

    Insights(
            InsightsStore store,
            InsightsRebuild rebuild,
            IncidentManagement incidents,
            CatalogNames names,
            Clock clock) {
        this.store = store;
        this.rebuild = rebuild;
        this.incidents = incidents;
        this.names = names;
        this.clock = clock;
    }

    public enum Granularity {
        WEEK,
        MONTH
    }

    /** Incidents declared in one week (from Monday) or month, in the viewer's zone. */
    public record Bucket(LocalDate start, Map<Severity, Integer> bySeverity, int total, Double medianResolveSeconds) {}

    public record ServiceMtbf(String service, long incidents, Double meanSecondsBetween) {}

    /** A resolved incident lacking milestones; {@code title} is null when the viewer may not see it. */
    public record IncompleteIncident(String team, String key, String title, List<String> missing) {}

    public record Timeliness(long resolved, long published, long unpublished, Double medianHours, Double p90Hours) {}

    public record TeamCountermeasures(
            String team, long total, long done, long wontDo, long overdue, Integer percentDone) {}

    /** The headline figures and the trend of one filter, from one pass over its incidents (the page's). */
    public record Overview(Map<Metric, MetricStats> stats, List<Bucket> buckets) {}

    @Transactional(readOnly = true)
    public Map<Metric, MetricStats> stats(InsightsFilter f) {
        IncidentFigures figures = new IncidentFigures(null, null);
        store.figures(f, figures);
        return figures.stats();
    }

    @Transactional(readOnly = true)
    public List<Bucket> buckets(InsightsFilter f, Granularity g, ZoneId zone) {
        return overview(f, g, zone).buckets();
    }

    @Transactional(readOnly = true)
    public Overview overview(InsightsFilter f, Granularity g, ZoneId zone) {
        IncidentFigures figures = new IncidentFigures(g, zone);
        figures.period(f.from(), f.to());
        store.figures(f, figures);
        return new Overview(figures.stats(), figures.buckets());
    }

    static LocalDate bucketStart(Instant at, Granularity g, ZoneId zone) {
        LocalDate day = at.atZone(zone).toLocalDate();
        return g == Granularity.WEEK
                ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                : day.withDayOfMonth(1);
    }

    /** Mean time between the starts of consecutive incidents of each service (services with two or more). */
    @Transactional(readOnly = true)
    public List<ServiceMtbf> mtbf(InsightsFilter f) {
        CatalogNames.Lookup n = names.now();
        List<ServiceMtbf> result = new ArrayList<>();
        for (InsightsStore.ServiceSpan s : store.serviceSpans(f)) {
            Double mean = s.incidents() < 2
                    ? null
                    : (double) Duration.between(s.first(), s.last()).toSeconds() / (s.incidents() - 1);
            result.add(new ServiceMtbf(n.service(s.serviceId()), s.incidents(), mean));
        }
        return result;
    }

    @Transactional(readOnly = true)
    public List<IncompleteIncident> incomplete(InsightsFilter f, int limit) {
        Set<Long> hidden = incidents.privateIncidentsHiddenFromViewer();
        CatalogNames.Lookup n = names.now();
        List<IncompleteIncident> result = new ArrayList<>();
        for (InsightsStore.Incomplete i : store.incomplete(f, Math.clamp(limit, 1, 5000))) {
            List<String> missing = new ArrayList<>();
            if (i.noStart()) {
                missing.add("IMPACT_STARTED");
            }
            if (i.noDetected()) {
                missing.add("DETECTED");
            }
            if (i.noAcknowledged()) {
                missing.add("ACKNOWLEDGED");
            }
            if (i.noMitigated()) {
                missing.add("MITIGATED");
            }
            result.add(new IncompleteIncident(
                    i.teamId() == null ? null : n.team(i.teamId()),
                    i.key(),
                    i.privateIncident() && hidden.contains(i.incidentId()) ? null : i.title(),
                    missing));
        }
        return result;
    }

    /** How many rows {@link #incomplete} would list without a limit (an incident once per team it concerns). */
    @Transactional(readOnly = true)
    public long incompleteCount(InsightsFilter f) {
        return store.incompleteCount(f);
    }

    @Transactional(readOnly = true)
    public Timeliness timeliness(InsightsFilter f) {
        List<Double> hours = new ArrayList<>();
        long resolved = 0;
        for (InsightsStore.Timeliness t : store.timeliness(f)) {
            resolved++;
            if (t.published() != null) {
                hours.add(Math.max(
                                0, Duration.between(t.resolved(), t.published()).toSeconds())
                        / 3600.0);
            }
        }
        Collections.sort(hours);
        return new Timeliness(
                resolved,
                hours.size(),
                resolved - hours.size(),
                Percentiles.of(hours, 0.5),
                Percentiles.of(hours, 0.9));
    }

    @Transactional(readOnly = true)
    public List<TeamCountermeasures> countermeasures(Instant from, Instant to, ZoneId zone) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        CatalogNames.Lookup n = names.now();
        return store.countermeasuresByTeam(from, to, today).stream()
                .map(t -> {
                    long counted = t.total() - t.wontDo();
                    return new TeamCountermeasures(
                            t.teamId() == null ? null : n.team(t.teamId()),
                            t.total(),
                            t.done(),
                            t.wontDo(),
                            t.overdue(),
                            counted == 0 ? null : (int) Math.round(100.0 * t.done() / counted));
                })
                .toList();
    }

    @Transactional(readOnly = true)
    public long overdueCountermeasures() {
        return store.overdueCountermeasures(
                clock.instant().atZone(ZoneId.of("UTC")).toLocalDate());
    }

    /** How many incidents the read model holds. */
    @Transactional(readOnly = true)
    public long incidentCount() {
        return store.incidentCount();
    }

    /** What a rebuild went through. */
    public record RebuildResult(long incidents, long postmortems, long countermeasures, long chaosRuns) {}

    /** Rebuilds the read model from the modules' facades (admins; audited). */
    public RebuildResult rebuild() {
        if (!Actor.isSystem() && !Actor.hasRole(dev.kintsugi.platform.Role.ADMIN)) {
            throw new org.springframework.security.access.AccessDeniedException("admins only");
        }
        String by = Actor.current();
        InsightsRebuild.Counts c = Actor.runAsSystem("insights: rebuild asked by " + by, rebuild::rebuild);

        return new RebuildResult(c.incidents(), c.postmortems(), c.countermeasures(), c.chaosRuns());
    }
}
