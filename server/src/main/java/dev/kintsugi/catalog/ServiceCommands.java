package dev.kintsugi.catalog;

import static dev.kintsugi.catalog.CatalogInput.optional;
import static dev.kintsugi.catalog.CatalogInput.required;
import static dev.kintsugi.catalog.CatalogInput.slug;
import static dev.kintsugi.catalog.CatalogInput.unique;
import static dev.kintsugi.catalog.CatalogInput.url;

import dev.kintsugi.catalog.persistence.CatalogRepository;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Versions;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;

/** Creating, changing and archiving services, for {@link CatalogManagement} (in its transaction). */
final class ServiceCommands extends CatalogCommands {
    ServiceCommands(
            CatalogRepository repo, CatalogInput input, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        super(repo, input, audit, events, clock);
    }

    CatalogService create(ServiceDraft d) {
        String name = slug(d.name(), "name");
        String displayName = d.displayName() == null || d.displayName().isBlank()
                ? name
                : required(d.displayName(), "displayName", 128);
        if (d.tier() == null) {
            throw new InvalidInputException(
                    "tier",
                    "validation.oneOf",
                    "must be one of TIER_1, TIER_2, TIER_3, TIER_4",
                    "TIER_1, TIER_2, TIER_3, TIER_4");
        }
        long owner = input.ownerTeamId(d.ownerTeam());
        input.ensureServiceNameFree(name);
        String description = optional(d.description(), "description", 4000);
        String runbook = url(d.runbookUrl(), "runbookUrl");
        String dashboard = url(d.dashboardUrl(), "dashboardUrl");
        String repository = url(d.repositoryUrl(), "repositoryUrl");
        Instant now = clock.instant();
        long id = unique(
                () -> repo.insertService(
                        name, displayName, description, d.tier(), owner, runbook, dashboard, repository, now),
                "service",
                name);
        CatalogService s = repo.findService(id).orElseThrow();
        audit.record("service.created", "service", name, "Created service " + name, null, s);
        events.publishEvent(new ServiceCreated(
                id,
                name,
                s.displayName(),
                s.description(),
                s.tier(),
                owner,
                s.runbookUrl(),
                s.dashboardUrl(),
                s.repositoryUrl(),
                now));
        return s;
    }

    CatalogService update(CatalogService before, ServiceDraft d, Long expectedVersion) {
        Versions.require(expectedVersion, before.version(), "Service '" + before.name() + "'");
        String name = d.name() == null ? before.name() : slug(d.name(), "name");
        if (!name.equals(before.name())) {
            input.ensureServiceNameFree(name);
        }
        String displayName =
                d.displayName() == null ? before.displayName() : required(d.displayName(), "displayName", 128);
        String description =
                d.description() == null ? before.description() : optional(d.description(), "description", 4000);
        Tier tier = d.tier() == null ? before.tier() : d.tier();
        long owner = d.ownerTeam() == null ? before.ownerTeamId() : input.ownerTeamId(d.ownerTeam());
        String runbook = d.runbookUrl() == null ? before.runbookUrl() : url(d.runbookUrl(), "runbookUrl");
        String dashboard = d.dashboardUrl() == null ? before.dashboardUrl() : url(d.dashboardUrl(), "dashboardUrl");
        String repository =
                d.repositoryUrl() == null ? before.repositoryUrl() : url(d.repositoryUrl(), "repositoryUrl");
        unique(
                () -> {
                    CatalogInput.requireSaved(
                            repo.updateService(
                                    before.id(),
                                    before.version(),
                                    name,
                                    displayName,
                                    description,
                                    tier,
                                    owner,
                                    runbook,
                                    dashboard,
                                    repository),
                            "Service '" + before.name() + "'");
                    return before.id();
                },
                "service",
                name);
        CatalogService after = repo.findService(before.id()).orElseThrow();
        audit.record("service.updated", "service", after.name(), "Updated service " + after.name(), before, after);
        publishServiceChange(before, after);
        return after;
    }

    private void publishServiceChange(CatalogService before, CatalogService after) {
        Set<String> changed = CatalogChanges.of(before, after);
        if (changed.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        events.publishEvent(new ServiceUpdated(
                after.id(),
                changed,
                after.name(),
                after.displayName(),
                after.description(),
                after.tier(),
                after.ownerTeamId(),
                after.runbookUrl(),
                after.dashboardUrl(),
                after.repositoryUrl(),
                now));
        if (before.ownerTeamId() != after.ownerTeamId()) {
            events.publishEvent(new ServiceOwnershipChanged(
                    after.id(), after.name(), before.ownerTeamId(), after.ownerTeamId(), now));
        }
    }

    /** Archives {@code service}, audited under the {@code name} it was asked by. */
    void archive(CatalogService service, String name, Long expectedVersion) {
        Versions.require(expectedVersion, service.version(), "Service '" + service.name() + "'");
        Instant now = clock.instant();
        repo.archiveService(service.id(), now);
        audit.record("service.deleted", "service", name, "Deleted service " + name, service, null);
        events.publishEvent(new ServiceArchived(service.id(), service.name(), service.ownerTeamId(), now));
    }
}
