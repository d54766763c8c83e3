package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.Fairness;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The fairness report over HTTP, as JSON and as CSV for payroll. */
@RestController
@Tag(name = "On-call fairness", description = "On-call hours, nights, weekends, holidays and pages per person")
class FairnessApiController {
    private final Fairness fairness;

    FairnessApiController(Fairness fairness) {
        this.fairness = fairness;
    }

    @GetMapping("/api/v1/oncall/fairness")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(
            summary =
                    "Per person over [from, to): hours on call, night/weekend/holiday hours, pages, sleep interrupted")
    List<Fairness.Row> report(@RequestParam Instant from, @RequestParam Instant to) {
        return fairness.report(from, to);
    }

    @GetMapping("/api/v1/oncall/fairness.csv")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The same report as CSV")
    ResponseEntity<String> csv(@RequestParam Instant from, @RequestParam Instant to) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"oncall-fairness.csv\"")
                .body(fairness.csv(from, to));
    }
}
