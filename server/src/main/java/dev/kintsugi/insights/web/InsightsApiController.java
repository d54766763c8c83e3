package dev.kintsugi.insights.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.insights.Insights;
import dev.kintsugi.insights.MetricStats;
import dev.kintsugi.platform.Times;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The insights API: the headline metrics of a filter, and the read model's rebuild (admins). */
@RestController
@RequestMapping("/api/v1/insights")
@Tag(name = "Insights")
class InsightsApiController {
    private final Insights insights;
    private final CatalogManagement catalog;
    private final Times times;
    private final Clock clock;

    InsightsApiController(Insights insights, CatalogManagement catalog, Times times, Clock clock) {
        this.insights = insights;
        this.catalog = catalog;
        this.times = times;
        this.clock = clock;
    }

    /** The metrics of a period: {@code from}/{@code to} are whole days in the caller's zone, {@code to} included. */
    record MetricsResponse(LocalDate from, LocalDate to, String zone, List<MetricStats> metrics) {}

    @GetMapping("/metrics")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Time to detect, acknowledge, mitigate, resolve and customer impact over a period")
    MetricsResponse metrics(
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) List<String> severity,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "false") boolean gameDays) {
        InsightsRequest r =
                InsightsRequest.parse(team, service, severity, from, to, null, gameDays, times.zone(), clock, catalog);
        return new MetricsResponse(
                r.from(),
                r.to(),
                r.zone().getId(),
                List.copyOf(insights.stats(r.filter()).values()));
    }

    @PostMapping("/rebuild")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Rebuild the insights read model from the other modules (admins)")
    Insights.RebuildResult rebuild() {
        return insights.rebuild();
    }
}
