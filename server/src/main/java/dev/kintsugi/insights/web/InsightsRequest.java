package dev.kintsugi.insights.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.insights.Insights.Granularity;
import dev.kintsugi.insights.InsightsFilter;
import dev.kintsugi.platform.DateRange;
import dev.kintsugi.platform.Enums;
import dev.kintsugi.platform.InvalidInputException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The page's and the exports' query: team, service, severities, period (whole days in the viewer's zone, the
 * last 90 by default, {@code to} included), granularity and whether game-day incidents count. Unknown names and
 * bad dates are refused with the field named.
 */
record InsightsRequest(
        String team,
        String service,
        Set<Severity> severities,
        LocalDate from,
        LocalDate to,
        Granularity granularity,
        boolean gameDays,
        ZoneId zone,
        InsightsFilter filter) {

    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 3660;

    static InsightsRequest parse(
            String team,
            String service,
            List<String> severity,
            String from,
            String to,
            String granularity,
            boolean gameDays,
            ZoneId zone,
            Clock clock,
            CatalogManagement catalog) {
        Long teamId = null;
        if (team != null && !team.isBlank()) {
            teamId = catalog.findTeam(team.trim())
                    .map(Team::id)
                    .orElseThrow(() -> new InvalidInputException(
                            "team", "insights.validation.unknownTeam", "no team named '" + team + "'", team));
        }
        Long serviceId = null;
        if (service != null && !service.isBlank()) {
            serviceId = catalog.findService(service.trim())
                    .map(CatalogService::id)
                    .orElseThrow(() -> new InvalidInputException(
                            "service",
                            "insights.validation.unknownService",
                            "no service named '" + service + "'",
                            service));
        }
        Set<Severity> severities = EnumSet.noneOf(Severity.class);
        if (severity != null) {
            for (String s : severity) {
                if (s != null && !s.isBlank()) {
                    severities.add(Enums.parse(Severity.class, s.trim().toUpperCase(Locale.ROOT), "severity"));
                }
            }
        }
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        LocalDate toDay = date(to, "to", today);
        LocalDate fromDay = date(from, "from", toDay.minusDays(DEFAULT_DAYS - 1L));
        if (fromDay.isAfter(toDay)) {
            throw new InvalidInputException(
                    "from", "insights.validation.fromAfterTo", "'from' must not be after 'to'", fromDay, toDay);
        }
        if (fromDay.plusDays(MAX_DAYS).isBefore(toDay)) {
            throw new InvalidInputException(
                    "from",
                    "insights.validation.periodTooLong",
                    "the period is at most " + MAX_DAYS + " days",
                    MAX_DAYS);
        }
        Granularity g = granularity == null || granularity.isBlank()
                ? Granularity.WEEK
                : Enums.parse(Granularity.class, granularity.trim().toUpperCase(Locale.ROOT), "granularity");
        InsightsFilter filter = new InsightsFilter(
                teamId,
                serviceId,
                severities,
                fromDay.atStartOfDay(zone).toInstant(),
                toDay.plusDays(1).atStartOfDay(zone).toInstant(),
                gameDays);
        return new InsightsRequest(
                teamId == null ? null : team.trim(),
                serviceId == null ? null : service.trim(),
                severities,
                fromDay,
                toDay,
                g,
                gameDays,
                zone,
                filter);
    }

    private static LocalDate date(String value, String field, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    field, "validation.date", "'" + value + "' is not a date (yyyy-MM-dd)", value);
        }
        DateRange.require(d.atStartOfDay(ZoneId.of("UTC")).toInstant(), field);
        return d;
    }

    /** The query string that reproduces this request (for the CSV links and the granularity switch). */
    String query(Granularity g) {
        StringBuilder q = new StringBuilder("from=").append(from).append("&to=").append(to);
        q.append("&granularity=").append(g.name().toLowerCase(Locale.ROOT));
        if (team != null) {
            q.append("&team=").append(java.net.URLEncoder.encode(team, java.nio.charset.StandardCharsets.UTF_8));
        }
        if (service != null) {
            q.append("&service=").append(java.net.URLEncoder.encode(service, java.nio.charset.StandardCharsets.UTF_8));
        }
        severities.stream().sorted().forEach(s -> q.append("&severity=").append(s.name()));
        if (gameDays) {
            q.append("&gameDays=true");
        }
        return q.toString();
    }

    String query() {
        return query(granularity);
    }
}
