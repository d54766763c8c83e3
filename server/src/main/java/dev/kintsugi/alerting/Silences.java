package dev.kintsugi.alerting;

import dev.kintsugi.alerting.persistence.DefinitionRepository;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Versions;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Silences (label matchers as Alertmanager writes them, until an end time) and maintenance windows per service:
 * while one applies, new alert groups are recorded and shown but open no incident and page nobody.
 */
@Service
@Transactional
public class Silences {
    private final DefinitionRepository repo;
    private final CatalogManagement catalog;
    private final AuditLog audit;
    private final Clock clock;

    Silences(DefinitionRepository repo, CatalogManagement catalog, AuditLog audit, Clock clock) {
        this.repo = repo;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    public Silence create(String matchers, Instant startsAt, Instant endsAt, String comment) {
        List<LabelMatcher> parsed = LabelMatcher.parse(matchers, "matchers");
        Instant now = clock.instant();
        Instant start = startsAt == null ? now : startsAt;
        requireWindow(start, endsAt, now);
        String c = text(comment, "comment");
        long id = repo.insertSilence(
                String.join(", ", parsed.stream().map(LabelMatcher::toString).toList()),
                start,
                endsAt,
                c,
                Actor.current(),
                now);
        Silence s = repo.findSilence(id).orElseThrow();
        audit.record(
                "alerting.silence-created",
                "silence",
                Long.toString(id),
                "Silenced " + matchers + " until " + endsAt,
                null,
                s);
        return s;
    }

    /** Ends a silence now. */
    public Silence expire(long id, Long expectedVersion) {
        Silence s = get(id);
        Versions.require(expectedVersion, s.version(), "Silence " + id);
        Instant now = clock.instant();
        if (repo.expireSilence(id, s.version(), now) == 0) {
            throw new ConflictException(
                    "alerting.silence.changed", "the silence has ended already, or changed meanwhile", Map.of());
        }
        Silence after = repo.findSilence(id).orElseThrow();
        audit.record("alerting.silence-expired", "silence", Long.toString(id), "Ended silence " + id, s, after);
        return after;
    }

    @Transactional(readOnly = true)
    public Silence get(long id) {
        return repo.findSilence(id).orElseThrow(() -> new NotFoundException("Silence", id));
    }

    @Transactional(readOnly = true)
    public List<Silence> recent() {
        return repo.recentSilences(200);
    }

    public MaintenanceWindow maintenance(String service, Instant startsAt, Instant endsAt, String reason) {
        if (service == null || service.isBlank()) {
            throw new InvalidInputException("service", "alerting.required", "required");
        }
        CatalogService s = catalog.findService(service.trim())
                .orElseThrow(() -> new InvalidInputException("service", "alerting.noSuchService", "no such service"));
        Instant now = clock.instant();
        Instant start = startsAt == null ? now : startsAt;
        requireWindow(start, endsAt, now);
        String r = text(reason, "reason");
        long id = repo.insertMaintenance(s.id(), start, endsAt, r, Actor.current(), now);
        MaintenanceWindow w = repo.maintenanceNotEnded(now).stream()
                .filter(m -> m.id() == id)
                .findFirst()
                .orElseThrow();
        audit.record(
                "alerting.maintenance-planned",
                "service",
                s.name(),
                "Maintenance of " + s.name() + " until " + endsAt,
                null,
                w);
        return w;
    }

    @Transactional(readOnly = true)
    public List<MaintenanceWindow> maintenanceNotEnded() {
        return repo.maintenanceNotEnded(clock.instant());
    }

    /** What suppresses an alert with these labels on these services right now: a silence or a maintenance. */
    @Transactional(readOnly = true)
    public Optional<String> suppression(Map<String, String> labels, Collection<Long> serviceIds, Instant at) {
        for (Silence s : repo.silencesNotEnded(at)) {
            if (s.activeAt(at) && LabelMatcher.all(s.matchers(), labels)) {
                return Optional.of("silence:" + s.id());
            }
        }
        for (MaintenanceWindow m : repo.maintenanceNotEnded(at)) {
            if (m.activeAt(at) && serviceIds.contains(m.serviceId())) {
                return Optional.of("maintenance:" + m.id());
            }
        }
        return Optional.empty();
    }

    private static void requireWindow(Instant start, Instant end, Instant now) {
        if (end == null) {
            throw new InvalidInputException("endsAt", "alerting.required", "required");
        }
        if (!end.isAfter(start) || !end.isAfter(now)) {
            throw new InvalidInputException(
                    "endsAt", "alerting.window.endOrder", "must be after the start and in the future");
        }
        if (end.isAfter(now.plus(java.time.Duration.ofDays(366)))) {
            throw new InvalidInputException("endsAt", "alerting.window.endFar", "at most a year ahead");
        }
    }

    private static String text(String s, String field) {
        if (s == null || s.isBlank()) {
            throw new InvalidInputException(field, "alerting.window.reason", "required: say why");
        }
        if (s.length() > 1000) {
            throw new InvalidInputException(field, "alerting.tooLong", "at most 1000 characters", 1000);
        }
        return s.trim();
    }
}
