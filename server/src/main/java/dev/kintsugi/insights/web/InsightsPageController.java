package dev.kintsugi.insights.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.insights.Insights;
import dev.kintsugi.insights.Insights.Granularity;
import dev.kintsugi.platform.InputErrors;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Times;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The insights page ({@code /insights}) and its tables as CSV ({@code /insights/export/<table>.csv}). */
@Controller
class InsightsPageController {
    /**
     * How many incomplete incidents the page lists with their forms (each costs a form per missing milestone to
     * render); the data-quality CSV has up to {@link InsightsTables#DATA_QUALITY_LIMIT}.
     */
    static final int PAGE_INCOMPLETE = 50;

    private final InsightsTables tables;
    private final Insights insights;
    private final InsightsCells cells;
    private final CatalogManagement catalog;
    private final Times times;
    private final Clock clock;
    private final InputErrors errors;

    InsightsPageController(
            InsightsTables tables,
            Insights insights,
            InsightsCells cells,
            CatalogManagement catalog,
            Times times,
            Clock clock,
            InputErrors errors) {
        this.tables = tables;
        this.insights = insights;
        this.cells = cells;
        this.catalog = catalog;
        this.times = times;
        this.clock = clock;
        this.errors = errors;
    }

    @GetMapping("/insights")
    @PreAuthorize("hasRole('VIEWER')")
    String page(
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) List<String> severity,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String granularity,
            @RequestParam(defaultValue = "false") boolean gameDays,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("teams", catalog.teams().stream().map(Team::name).toList());
        model.addAttribute(
                "services",
                catalog.services().stream().map(CatalogService::name).toList());
        model.addAttribute("severities", Severity.values());
        InsightsRequest r;
        try {
            r = parse(team, service, severity, from, to, granularity, gameDays);
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorMessage", errors.describe(e, "insights.field."));
            r = parse(null, null, null, null, null, null, false);
        }
        model.addAttribute("r", r);
        model.addAttribute("query", r.query());
        model.addAttribute("weekQuery", r.query(Granularity.WEEK));
        model.addAttribute("monthQuery", r.query(Granularity.MONTH));
        Map<String, InsightsTables.Table> all = tables.page(r);
        model.addAttribute("tables", all);
        InsightsTables.Table trend = all.get("trend");
        List<String> labels =
                trend.rows().stream().map(row -> (String) row.get(0)).toList();
        List<List<Double>> counts = new ArrayList<>();
        List<List<Double>> resolve = new ArrayList<>();
        for (List<Object> row : trend.rows()) {
            List<Double> bySeverity = new ArrayList<>();
            for (int s = 0; s < Severity.values().length; s++) {
                bySeverity.add(((Long) row.get(1 + s)).doubleValue());
            }
            counts.add(bySeverity);
            Double median = ((InsightsTables.Seconds) row.get(row.size() - 1)).value();
            resolve.add(List.of(median == null ? 0.0 : median / 3600.0));
        }
        model.addAttribute(
                "countChart",
                Charts.stacked(
                        labels,
                        counts,
                        java.util.Arrays.stream(Severity.values())
                                .map(Enum::name)
                                .toList(),
                        v -> Long.toString(Math.round(v))));
        model.addAttribute(
                "resolveChart",
                Charts.stacked(
                        labels,
                        resolve,
                        List.of("resolve"),
                        v -> times.duration(Duration.ofSeconds(Math.round(v * 3600)))));
        model.addAttribute(
                "countermeasureBars", bars(all.get("countermeasures"), 0, 5, v -> Math.round(v) + " %", 100.0));
        model.addAttribute(
                "alertBars", bars(all.get("alerts-noisiest"), 0, 1, v -> Long.toString(Math.round(v)), null));
        model.addAttribute("monkeyBars", bars(all.get("monkey"), 0, 3, v -> Long.toString(Math.round(v)), null));
        model.addAttribute("resilienceBars", bars(all.get("resilience"), 0, 1, v -> Math.round(v) + " %", 100.0));
        model.addAttribute("incomplete", insights.incomplete(r.filter(), PAGE_INCOMPLETE));
        model.addAttribute("incompleteTotal", insights.incompleteCount(r.filter()));
        model.addAttribute("zoneName", times.zoneName());
        return "insights/page";
    }

    private List<Charts.Bar> bars(
            InsightsTables.Table t,
            int labelCol,
            int valueCol,
            java.util.function.Function<Double, String> text,
            Double max) {
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (List<Object> row : t.rows()) {
            if (row.get(valueCol) instanceof Number n) {
                labels.add(cells.html(row.get(labelCol)));
                values.add(n.doubleValue());
            }
        }
        return Charts.bars(labels, values, text, max);
    }

    @GetMapping("/insights/export/{table}.csv")
    @PreAuthorize("hasRole('VIEWER')")
    ResponseEntity<byte[]> csv(
            @PathVariable String table,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) List<String> severity,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String granularity,
            @RequestParam(defaultValue = "false") boolean gameDays)
            throws IOException {
        if (!InsightsTables.IDS.contains(table)) {
            throw new dev.kintsugi.platform.NotFoundException("Insights table", table);
        }
        InsightsRequest r = parse(team, service, severity, from, to, granularity, gameDays);
        InsightsTables.Table t = tables.table(table, r);
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            List<String> headers = new ArrayList<>();
            for (int c = 0; c < t.headers().size(); c++) {
                String h = cells.header(t.headers().get(c));
                int col = c;
                boolean seconds = t.rows().stream().anyMatch(row -> row.get(col) instanceof InsightsTables.Seconds);
                headers.add(seconds ? h + " (s)" : h);
            }
            csv.printRecord(headers);
            for (List<Object> row : t.rows()) {
                csv.printRecord(row.stream().map(cells::csv).toList());
            }
        }
        String filename = "insights-" + table + "-" + r.from() + "-" + r.to() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private InsightsRequest parse(
            String team,
            String service,
            List<String> severity,
            String from,
            String to,
            String granularity,
            boolean gameDays) {
        return InsightsRequest.parse(
                team, service, severity, from, to, granularity, gameDays, times.zone(), clock, catalog);
    }
}
