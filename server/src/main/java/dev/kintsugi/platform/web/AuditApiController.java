package dev.kintsugi.platform.web;

import dev.kintsugi.platform.AuditEntry;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.AuditQuery;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/** The audit log, newest first. Admins only. */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Audit log", description = "Who changed what, when (admins)")
class AuditApiController {
    private final AuditLog audit;
    private final JsonMapper json;

    AuditApiController(AuditLog audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /** One entry; {@code before} and {@code after} are the recorded states as JSON. */
    record AuditEntryView(
            long id,
            Instant occurredAt,
            String actor,
            String action,
            String targetType,
            String targetId,
            String summary,
            JsonNode before,
            JsonNode after) {}

    record AuditPage(List<AuditEntryView> items, int page, int size, long total) {}

    @GetMapping
    @Operation(summary = "Search the audit log (newest first)")
    AuditPage search(
            @RequestParam(required = false) String actor,
            @Parameter(description = "action prefix, e.g. 'user.'") @RequestParam(required = false) String action,
            @RequestParam(required = false) String targetType,
            @RequestParam(required = false) String targetId,
            @Parameter(description = "ISO-8601 instant, inclusive") @RequestParam(required = false) String from,
            @Parameter(description = "ISO-8601 instant, exclusive") @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        var query = new AuditQuery(actor, action, targetType, targetId, instant(from, "from"), instant(to, "to"));
        PageResult<AuditEntry> result = audit.search(query, page, size);
        return new AuditPage(
                result.items().stream().map(this::view).toList(), result.page(), result.size(), result.total());
    }

    private AuditEntryView view(AuditEntry e) {
        return new AuditEntryView(
                e.id(),
                e.occurredAt(),
                e.actor(),
                e.action(),
                e.targetType(),
                e.targetId(),
                e.summary(),
                tree(e.before()),
                tree(e.after()));
    }

    private JsonNode tree(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readTree(stored);
        } catch (JacksonException e) {
            return StringNode.valueOf(stored);
        }
    }

    static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return dev.kintsugi.platform.DateRange.require(
                    OffsetDateTime.parse(value.trim()).toInstant(), field);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    field,
                    "platform.validation.offsetDateTime",
                    "'" + value + "' is not an ISO-8601 date-time with offset (2026-03-29T14:05:00Z)",
                    value);
        }
    }
}
