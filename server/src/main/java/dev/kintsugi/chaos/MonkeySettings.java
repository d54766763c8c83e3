package dev.kintsugi.chaos;

import dev.kintsugi.chaos.monkey.MonkeyGroups.Grouping;
import dev.kintsugi.chaos.monkey.MonkeyGroups.Rule;
import dev.kintsugi.incident.Severity;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;

/**
 * A service's Chaos Monkey: Netflix's fields ({@code enabled}, {@code meanTimeBetweenKillsInWorkDays},
 * {@code minTimeBetweenKillsInWorkDays}, {@code grouping}, {@code regionsAreIndependent}, {@code exceptions},
 * {@code whitelist}) with what Kintsugi adds: {@code leashed} (plans and records, touches nothing; on by default),
 * the groups' values (environments, cluster label values, regions: matched against the pod labels
 * {@code environment}, {@code clusterLabel} and {@code topology.kubernetes.io/region}), targets never touched by
 * name ({@code exceptTargets}), how it terminates and what, the calendar (zone, work week, hours, holidays,
 * change freezes), the outage check's severities, who sees the plan, when an unhealthy service opens an incident,
 * and an optional seed (reproducible plans).
 */
public record MonkeySettings(
        long serviceId,
        boolean enabled,
        boolean leashed,
        int meanTimeBetweenKillsInWorkDays,
        int minTimeBetweenKillsInWorkDays,
        Grouping grouping,
        boolean regionsAreIndependent,
        List<String> environments,
        String clusterLabel,
        List<String> clusters,
        List<String> regions,
        List<Rule> exceptions,
        List<Rule> whitelist,
        List<String> exceptTargets,
        MonkeyTermination termination,
        String target,
        int durationMinutes,
        String zone,
        List<DayOfWeek> workDays,
        LocalTime dayStart,
        LocalTime dayEnd,
        List<LocalDate> holidays,
        List<Freeze> freezes,
        List<Severity> blockingSeverities,
        boolean planVisibleToTeam,
        int unhealthyAfterMinutes,
        Long seed,
        long version) {

    /** A change freeze: no termination from {@code from} to {@code to}, both included (local days). */
    public record Freeze(LocalDate from, LocalDate to, String reason) {}

    public MonkeySettings {
        environments = environments == null ? List.of() : List.copyOf(environments);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        regions = regions == null ? List.of() : List.copyOf(regions);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
        whitelist = whitelist == null ? List.of() : List.copyOf(whitelist);
        exceptTargets = exceptTargets == null ? List.of() : List.copyOf(exceptTargets);
        workDays = workDays == null ? List.of() : List.copyOf(workDays);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        freezes = freezes == null ? List.of() : List.copyOf(freezes);
        blockingSeverities = blockingSeverities == null ? List.of() : List.copyOf(blockingSeverities);
        clusterLabel = clusterLabel == null || clusterLabel.isBlank() ? "cluster" : clusterLabel;
        grouping = grouping == null ? Grouping.APP : grouping;
        termination = termination == null ? MonkeyTermination.POD : termination;
    }

    /** Off, leashed, Netflix's defaults (mean 5, min 1, cluster grouping), Monday–Friday 09:00–17:00 UTC. */
    public static MonkeySettings defaults(long serviceId) {
        return new MonkeySettings(
                serviceId,
                false,
                true,
                5,
                1,
                Grouping.CLUSTER,
                true,
                List.of(),
                "cluster",
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                MonkeyTermination.POD,
                null,
                5,
                "UTC",
                List.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)),
                LocalTime.of(9, 0),
                LocalTime.of(17, 0),
                List.of(),
                List.of(),
                List.of(Severity.SEV1, Severity.SEV2),
                false,
                10,
                null,
                0);
    }

    MonkeySettings withServiceAndVersion(long id, long v) {
        Builder b = new Builder(this);
        b.serviceId = id;
        b.version = v;
        return b.build();
    }

    /** These settings with Netflix's fields replaced by an imported configuration's. */
    MonkeySettings withNetflix(dev.kintsugi.chaos.monkey.NetflixConfig.Imported n) {
        Builder b = new Builder(this);
        b.enabled = n.enabled();
        b.meanTimeBetweenKillsInWorkDays = n.meanTimeBetweenKillsInWorkDays();
        b.minTimeBetweenKillsInWorkDays = n.minTimeBetweenKillsInWorkDays();
        b.grouping = n.grouping();
        b.regionsAreIndependent = n.regionsAreIndependent();
        b.exceptions = n.exceptions();
        b.whitelist = n.whitelist();
        return b.build();
    }

    MonkeySettings withHolidays(List<LocalDate> days) {
        Builder b = new Builder(this);
        b.holidays = days;
        return b.build();
    }

    /**
     * A mutable copy of settings, for the withers: each changes its fields and builds once, so the list of
     * components is written here only.
     */
    static final class Builder {
        long serviceId;
        boolean enabled;
        boolean leashed;
        int meanTimeBetweenKillsInWorkDays;
        int minTimeBetweenKillsInWorkDays;
        Grouping grouping;
        boolean regionsAreIndependent;
        List<String> environments;
        String clusterLabel;
        List<String> clusters;
        List<String> regions;
        List<Rule> exceptions;
        List<Rule> whitelist;
        List<String> exceptTargets;
        MonkeyTermination termination;
        String target;
        int durationMinutes;
        String zone;
        List<DayOfWeek> workDays;
        LocalTime dayStart;
        LocalTime dayEnd;
        List<LocalDate> holidays;
        List<Freeze> freezes;
        List<Severity> blockingSeverities;
        boolean planVisibleToTeam;
        int unhealthyAfterMinutes;
        Long seed;
        long version;

        Builder(MonkeySettings s) {
            serviceId = s.serviceId;
            enabled = s.enabled;
            leashed = s.leashed;
            meanTimeBetweenKillsInWorkDays = s.meanTimeBetweenKillsInWorkDays;
            minTimeBetweenKillsInWorkDays = s.minTimeBetweenKillsInWorkDays;
            grouping = s.grouping;
            regionsAreIndependent = s.regionsAreIndependent;
            environments = s.environments;
            clusterLabel = s.clusterLabel;
            clusters = s.clusters;
            regions = s.regions;
            exceptions = s.exceptions;
            whitelist = s.whitelist;
            exceptTargets = s.exceptTargets;
            termination = s.termination;
            target = s.target;
            durationMinutes = s.durationMinutes;
            zone = s.zone;
            workDays = s.workDays;
            dayStart = s.dayStart;
            dayEnd = s.dayEnd;
            holidays = s.holidays;
            freezes = s.freezes;
            blockingSeverities = s.blockingSeverities;
            planVisibleToTeam = s.planVisibleToTeam;
            unhealthyAfterMinutes = s.unhealthyAfterMinutes;
            seed = s.seed;
            version = s.version;
        }

        MonkeySettings build() {
            return new MonkeySettings(
                    serviceId,
                    enabled,
                    leashed,
                    meanTimeBetweenKillsInWorkDays,
                    minTimeBetweenKillsInWorkDays,
                    grouping,
                    regionsAreIndependent,
                    environments,
                    clusterLabel,
                    clusters,
                    regions,
                    exceptions,
                    whitelist,
                    exceptTargets,
                    termination,
                    target,
                    durationMinutes,
                    zone,
                    workDays,
                    dayStart,
                    dayEnd,
                    holidays,
                    freezes,
                    blockingSeverities,
                    planVisibleToTeam,
                    unhealthyAfterMinutes,
                    seed,
                    version);
        }
    }
}
