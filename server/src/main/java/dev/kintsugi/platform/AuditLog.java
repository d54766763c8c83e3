package dev.kintsugi.platform;

import dev.kintsugi.platform.persistence.AuditRepository;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only audit log. Every state-changing action records who did it, when, what, and the state
 * before and after. Entries join the caller's transaction, so a refused change leaves no entry behind.
 * There is no way to change or delete an entry. Work the system does on its own ({@link Actor#runAsSystem}) is
 * recorded as {@code system} with the reason it gave.
 */
@Service
public class AuditLog {
    private final AuditRepository entries;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(AuditRepository entries, JsonMapper json, Clock clock) {
        this.entries = entries;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String targetType, String targetId, String summary, Object before, Object after) {
        String reason = Actor.systemReason().map(r -> " [as system: " + r + "]").orElse("");
        String text = summary == null && reason.isEmpty() ? null : (summary == null ? action : summary) + reason;
        entries.insert(
                clock.instant(),
                Actor.current(),
                action,
                targetType,
                targetId,
                text == null ? null : truncate(text, 1000),
                toJson(before),
                toJson(after));
    }

    @Transactional(readOnly = true)
    public PageResult<AuditEntry> search(AuditQuery query, int page, int size) {
        return entries.search(query, page, size);
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        return json.writeValueAsString(value);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
