package dev.kintsugi.statuspage;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.statuspage.persistence.StatusPageRepository;
import dev.kintsugi.statuspage.persistence.StatusPageRepository.ComponentRow;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The status page's writes and the editors' reads: which services are public components (admins), explicit
 * overrides and maintenance (admins); the incidents' public updates and summaries are {@link PublicIncidents}.
 * Every change is audited and published as {@link StatusPageChanged}.
 */
@Service
@Transactional
public class StatusPage {
    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 5_000;
    public static final int MAX_SUMMARY = 20_000;

    private final StatusPageRepository repo;
    private final CatalogManagement catalog;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StatusPage(
            StatusPageRepository repo,
            CatalogManagement catalog,
            AuditLog audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repo = repo;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** What an admin sets for a component; blank optional fields are cleared. */
    public record ComponentDraft(String group, String name, String description, Integer position) {}

    // ---- components ----

    @Transactional(readOnly = true)
    public List<PublicComponent> components() {
        List<ComponentRow> rows = repo.components();
        Map<Long, CatalogService> services =
                catalog.servicesById(rows.stream().map(ComponentRow::serviceId).toList()).stream()
                        .collect(Collectors.toMap(CatalogService::id, Function.identity()));
        return rows.stream()
                .filter(r -> services.containsKey(r.serviceId()))
                .map(r -> of(r, services.get(r.serviceId())))
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<PublicComponent> component(String serviceName) {
        CatalogService s = service(serviceName);
        return repo.component(s.id()).map(r -> of(r, s));
    }

    /** Makes a service public, or changes its public name, group, description or place. */
    public PublicComponent configure(String serviceName, ComponentDraft d, Long expectedVersion) {
        requireAdmin();
        CatalogService s = service(serviceName);
        String name = required(d.name(), "name", 200);
        String group = optional(d.group(), "group", 100);
        String description = optional(d.description(), "description", 1000);
        int position = d.position() == null ? 0 : d.position();
        if (position < 0 || position > 10_000) {
            throw new InvalidInputException("position", "statuspage.validation.position", "must be 0 to 10000");
        }
        Optional<ComponentRow> before = repo.component(s.id());
        if (before.isEmpty()) {
            if (expectedVersion != null) {
                throw new NotFoundException("Public component", serviceName);
            }
            try {
                repo.insertComponent(new ComponentRow(s.id(), group, name, description, position, null, null, 0));
            } catch (DuplicateKeyException e) {
                throw raced();
            }
        } else {
            ComponentRow b = before.get();
            Versions.require(expectedVersion, b.version(), "public component " + serviceName);
            if (!repo.updateComponent(new ComponentRow(
                    s.id(), group, name, description, position, b.overrideState(), b.overrideUntil(), b.version()))) {
                throw raced();
            }
        }
        PublicComponent after = of(repo.component(s.id()).orElseThrow(), s);
        audit.record(
                before.isEmpty() ? "statuspage.component.added" : "statuspage.component.updated",
                "service",
                s.name(),
                "Status page component " + name,
                before.orElse(null),
                after);
        changed("component", null, Set.of(s.id()));
        return after;
    }

    /** Takes a service off the status page. */
    public void remove(String serviceName, Long expectedVersion) {
        requireAdmin();
        CatalogService s = service(serviceName);
        ComponentRow b =
                repo.component(s.id()).orElseThrow(() -> new NotFoundException("Public component", serviceName));
        Versions.require(expectedVersion, b.version(), "public component " + serviceName);
        if (!repo.deleteComponent(s.id(), b.version())) {
            throw raced();
        }
        audit.record("statuspage.component.removed", "service", s.name(), "Status page component removed", b, null);
        changed("component", null, Set.of(s.id()));
    }

    /** Sets (or with a null state clears) a component's explicit state, until {@code until} (null: until cleared). */
    public PublicComponent override(String serviceName, ComponentState state, Instant until, Long expectedVersion) {
        requireAdmin();
        CatalogService s = service(serviceName);
        ComponentRow b =
                repo.component(s.id()).orElseThrow(() -> new NotFoundException("Public component", serviceName));
        Versions.require(expectedVersion, b.version(), "public component " + serviceName);
        if (state != null && until != null && !until.isAfter(clock.instant())) {
            throw new InvalidInputException("until", "statuspage.validation.untilPast", "must be in the future");
        }
        if (!repo.updateComponent(new ComponentRow(
                s.id(),
                b.group(),
                b.name(),
                b.description(),
                b.position(),
                state,
                state == null ? null : until,
                b.version()))) {
            throw raced();
        }
        PublicComponent after = of(repo.component(s.id()).orElseThrow(), s);
        audit.record("statuspage.component.override", "service", s.name(), "Status override " + state, b, after);
        changed("component", null, Set.of(s.id()));
        return after;
    }

    // ---- maintenance ----

    @Transactional(readOnly = true)
    public List<Maintenance> maintenances() {
        return repo.maintenances();
    }

    /** Plans maintenance on public components (by service name). */
    public Maintenance plan(String title, String body, Instant from, Instant to, List<String> serviceNames) {
        requireAdmin();
        String t = required(title, "title", MAX_TITLE);
        String b = optional(body, "body", MAX_BODY);
        if (from == null) {
            throw new InvalidInputException("startsAt", "statuspage.validation.required", "is required");
        }
        if (to == null || !to.isAfter(from)) {
            throw new InvalidInputException("endsAt", "statuspage.validation.endsAfter", "must be after the start");
        }
        if (serviceNames == null || serviceNames.isEmpty()) {
            throw new InvalidInputException(
                    "services", "statuspage.validation.services", "name at least one component");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (String name : serviceNames) {
            CatalogService s = name == null ? null : catalog.findService(name).orElse(null);
            if (s == null || repo.component(s.id()).isEmpty()) {
                throw new InvalidInputException(
                        "services", "statuspage.validation.notComponent", "is not a public component: " + name, name);
            }
            ids.add(s.id());
        }
        long id = repo.insertMaintenance(t, b, from, to, List.copyOf(ids), Actor.current());
        Maintenance m = repo.maintenances().stream()
                .filter(x -> x.id() == id)
                .findFirst()
                .orElseThrow();
        audit.record("statuspage.maintenance.planned", "maintenance", String.valueOf(id), t, null, m);
        changed("maintenance", null, id, ids);
        return m;
    }

    public void cancel(long maintenanceId) {
        requireAdmin();
        Maintenance m = repo.maintenances().stream()
                .filter(x -> x.id() == maintenanceId)
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Maintenance", maintenanceId));
        repo.deleteMaintenance(maintenanceId);
        audit.record(
                "statuspage.maintenance.cancelled", "maintenance", String.valueOf(maintenanceId), m.title(), m, null);
        changed("maintenance-cancelled", null, m.id(), new HashSet<>(m.serviceIds()));
    }

    // ----

    private void changed(String what, Long incidentId, Set<Long> serviceIds) {
        changed(what, incidentId, null, serviceIds);
    }

    private void changed(String what, Long incidentId, Long itemId, Set<Long> serviceIds) {
        events.publishEvent(new StatusPageChanged(what, incidentId, itemId, serviceIds));
    }

    private static void requireAdmin() {
        if (!Actor.hasRole(Role.ADMIN)) {
            throw new AccessDeniedException("the status page's components and maintenance are for admins");
        }
    }

    private CatalogService service(String name) {
        return catalog.findService(name == null ? "" : name).orElseThrow(() -> new NotFoundException("Service", name));
    }

    private static PublicComponent of(ComponentRow r, CatalogService s) {
        return new PublicComponent(
                r.serviceId(),
                s.name(),
                r.group(),
                r.name(),
                r.description(),
                r.position(),
                r.overrideState(),
                r.overrideUntil(),
                r.version());
    }

    static ConflictException raced() {
        return new ConflictException(
                "statuspage.conflict.raced", "changed by someone else meanwhile; reload and retry", Map.of());
    }

    static String required(String value, String field, int max) {
        String v = optional(value, field, max);
        if (v == null) {
            throw new InvalidInputException(field, "statuspage.validation.required", "is required");
        }
        return v;
    }

    static String optional(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInputException(
                    field, "statuspage.validation.tooLong", "is too long (max " + max + ")", max);
        }
        return v;
    }
}
