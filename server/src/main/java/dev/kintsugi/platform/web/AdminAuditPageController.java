package dev.kintsugi.platform.web;

import dev.kintsugi.platform.AuditEntry;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.AuditQuery;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.platform.Times;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Admin: the audit log, filterable and paginated, newest first. */
@Controller
@RequestMapping("/admin/audit")
@PreAuthorize("hasRole('ADMIN')")
class AdminAuditPageController {
    static final int PAGE_SIZE = 50;

    private final AuditLog audit;
    private final Times times;
    private final JsonMapper json;

    AdminAuditPageController(AuditLog audit, Times times, JsonMapper json) {
        this.audit = audit;
        this.times = times;
        this.json = json;
    }

    /** The filters as typed; from/to are datetime-local values in the viewer's zone. */
    record Filters(String actor, String action, String targetType, String targetId, String from, String to) {}

    /** An entry with its states pretty-printed for reading. */
    record Row(AuditEntry entry, String before, String after) {}

    @GetMapping
    String list(
            @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String targetType,
            @RequestParam(defaultValue = "") String targetId,
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var filters = new Filters(actor, action, targetType, targetId, from, to);
        Map<String, String> errors = new LinkedHashMap<>();
        Instant fromInstant = parse(from, "from", errors);
        Instant toInstant = parse(to, "to", errors);
        PageResult<Row> result;
        if (errors.isEmpty()) {
            result = audit.search(
                            new AuditQuery(actor, action, targetType, targetId, fromInstant, toInstant),
                            Math.max(page, 0),
                            PAGE_SIZE)
                    .map(e -> new Row(e, pretty(e.before()), pretty(e.after())));
        } else {
            result = new PageResult<>(List.of(), 0, PAGE_SIZE, 0);
        }
        model.addAttribute("filters", filters);
        model.addAttribute("errors", errors);
        model.addAttribute("result", result);
        model.addAttribute("adminTab", "audit");
        return "platform/admin-audit";
    }

    private Instant parse(String value, String field, Map<String, String> errors) {
        try {
            return times.parseInput(value, field);
        } catch (InvalidInputException e) {
            errors.put(field, e.getMessage());
            return null;
        }
    }

    private String pretty(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(stored));
        } catch (JacksonException e) {
            return stored;
        }
    }
}
