package dev.kintsugi.alerting;

import dev.kintsugi.alerting.ingest.IntegrationDirectory;
import dev.kintsugi.alerting.ingest.IntegrationKeys;
import dev.kintsugi.alerting.persistence.IntegrationRepository;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Versions;
import dev.kintsugi.platform.secrets.ServerSecrets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Integrations: created, re-keyed and disabled by responders of the owning team (or admins), audited. The key and
 * the signing secret are returned once, at creation or rotation; the database keeps a hash of the key and the
 * secret sealed by {@link ServerSecrets} (a rotation re-seals it in the current format). A rotated key keeps working for {@code kintsugi.alerting.key-grace}, so a
 * sender being re-configured loses nothing.
 */
@Service
@Transactional
public class Integrations {
    private final IntegrationRepository repo;
    private final CatalogManagement catalog;
    private final ServerSecrets secrets;
    private final IntegrationDirectory directory;
    private final IntegrationAccess access;
    private final AuditLog audit;
    private final AlertingProperties properties;
    private final Clock clock;

    Integrations(
            IntegrationRepository repo,
            CatalogManagement catalog,
            ServerSecrets secrets,
            IntegrationDirectory directory,
            IntegrationAccess access,
            AuditLog audit,
            AlertingProperties properties,
            Clock clock) {
        this.repo = repo;
        this.catalog = catalog;
        this.secrets = secrets;
        this.directory = directory;
        this.access = access;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    public CreatedIntegration create(NewIntegration n) {
        String name = name(n.name());
        if (n.sourceType() == null) {
            throw new InvalidInputException(
                    "sourceType",
                    "alerting.integration.sourceType",
                    "must be one of ALERTMANAGER, GRAFANA, PAGERDUTY, OPSGENIE, GENERIC");
        }
        boolean hasService = n.service() != null && !n.service().isBlank();
        boolean hasTeam = n.team() != null && !n.team().isBlank();
        if (hasService == hasTeam) {
            throw new InvalidInputException(
                    "service",
                    "alerting.integration.owner",
                    "an integration belongs to a service or to a team (one of the two)");
        }
        Long serviceId = null;
        Long teamId = null;
        long owner;
        if (hasService) {
            CatalogService s = catalog.findService(n.service().trim())
                    .orElseThrow(
                            () -> new InvalidInputException("service", "alerting.noSuchService", "no such service"));
            serviceId = s.id();
            owner = s.ownerTeamId();
        } else {
            Team t = catalog.findTeam(n.team().trim())
                    .orElseThrow(() -> new InvalidInputException("team", "alerting.noSuchTeam", "no such team"));
            teamId = t.id();
            owner = t.id();
        }
        access.requireMayManage(owner);
        String mapping = null;
        if (n.sourceType() == SourceType.GENERIC) {
            FieldMapping.parse(n.mapping(), "mapping");
            mapping = n.mapping().trim();
        } else if (n.mapping() != null && !n.mapping().isBlank()) {
            throw mappingGenericOnly();
        }
        String key = n.key() == null || n.key().isBlank() ? IntegrationKeys.newKey() : importedKey(n.key());
        String secret = n.signed() ? IntegrationKeys.newSecret() : null;
        Instant now = clock.instant();
        long id = repo.insert(
                name,
                n.sourceType(),
                serviceId,
                teamId,
                IntegrationKeys.hash(key),
                key.substring(0, 4),
                secret == null ? null : secrets.seal(secret),
                mapping,
                n.routing() == null ? RoutingAction.ATTACH : n.routing(),
                Actor.current(),
                now);
        Integration created = repo.find(id).orElseThrow();
        audit.record(
                "alerting.integration-created",
                "integration",
                Long.toString(id),
                "Created integration " + name,
                null,
                created);
        directory.refreshAfterCommit();
        return new CreatedIntegration(created, key, secret);
    }

    /** A new key (and a new signing secret when signed); the old ones keep working for the grace period. */
    public CreatedIntegration rotate(long id, Long expectedVersion) {
        Integration i = get(id);
        access.requireMayManage(i);
        Versions.require(expectedVersion, i.version(), "Integration " + id);
        if (i.disabled()) {
            throw new ConflictException(
                    "alerting.integration.disabled", "a disabled integration has no key to rotate", Map.of());
        }
        String key = IntegrationKeys.newKey();
        String secret = i.signed() ? IntegrationKeys.newSecret() : null;
        Instant until = clock.instant().plus(properties.keyGrace());
        if (repo.rotate(
                        id,
                        i.version(),
                        IntegrationKeys.hash(key),
                        key.substring(0, 4),
                        secret == null ? null : secrets.seal(secret),
                        until)
                == 0) {
            throw changedMeanwhile();
        }
        Integration after = repo.find(id).orElseThrow();
        audit.record(
                "alerting.integration-rotated",
                "integration",
                Long.toString(id),
                "Rotated the key of " + i.name() + "; the old key works until " + until,
                i,
                after);
        directory.refreshAfterCommit();
        return new CreatedIntegration(after, key, secret);
    }

    public Integration update(long id, String name, String mapping, RoutingAction routing, Long expectedVersion) {
        Integration i = get(id);
        access.requireMayManage(i);
        Versions.require(expectedVersion, i.version(), "Integration " + id);
        String newName = name == null ? i.name() : name(name);
        String newMapping = i.mapping();
        if (mapping != null) {
            if (i.sourceType() != SourceType.GENERIC) {
                throw mappingGenericOnly();
            }
            FieldMapping.parse(mapping, "mapping");
            newMapping = mapping.trim();
        }
        if (repo.update(id, i.version(), newName, newMapping, routing == null ? i.routing() : routing) == 0) {
            throw changedMeanwhile();
        }
        Integration after = repo.find(id).orElseThrow();
        audit.record(
                "alerting.integration-updated",
                "integration",
                Long.toString(id),
                "Changed integration " + newName,
                i,
                after);
        directory.refreshAfterCommit();
        return after;
    }

    /** Disables an integration: its keys stop working at once; its alert groups stay. */
    public void disable(long id, Long expectedVersion) {
        Integration i = get(id);
        access.requireMayManage(i);
        Versions.require(expectedVersion, i.version(), "Integration " + id);
        if (repo.disable(id, i.version(), clock.instant()) == 0) {
            throw new ConflictException(
                    "alerting.integration.changedOrDisabled",
                    "the integration changed meanwhile, or is disabled already",
                    Map.of());
        }
        audit.record(
                "alerting.integration-disabled",
                "integration",
                Long.toString(id),
                "Disabled integration " + i.name(),
                i,
                null);
        directory.refreshAfterCommit();
    }

    @Transactional(readOnly = true)
    public List<Integration> list() {
        return repo.findAll();
    }

    @Transactional(readOnly = true)
    public Integration get(long id) {
        return repo.find(id).orElseThrow(() -> new NotFoundException("Integration", id));
    }

    /** The catalog name of what owns it: the service's, else the team's. */
    @Transactional(readOnly = true)
    public Map<Long, String> ownerNames() {
        Map<Long, String> services = new java.util.HashMap<>();
        catalog.services().forEach(s -> services.put(s.id(), s.name()));
        Map<Long, String> teams = new java.util.HashMap<>();
        catalog.teams().forEach(t -> teams.put(t.id(), t.name()));
        Map<Long, String> out = new java.util.HashMap<>();
        for (Integration i : repo.findAll()) {
            out.put(
                    i.id(),
                    i.serviceId() != null
                            ? services.getOrDefault(i.serviceId(), "?")
                            : teams.getOrDefault(i.teamId(), "?"));
        }
        return out;
    }

    /** Whether the current actor may manage this integration (responder of its owning team, or admin). */
    @Transactional(readOnly = true)
    public boolean mayManage(Integration i) {
        return access.mayManage(i);
    }

    private String importedKey(String raw) {
        String k = raw.trim();
        if (k.length() < 12 || k.length() > 200 || !k.matches("[A-Za-z0-9._~+/=-]+")) {
            throw new InvalidInputException(
                    "key",
                    "alerting.integration.importedKey",
                    "an existing key has 12 to 200 letters, digits or ._~+/=-");
        }
        if (repo.credentialsByHash(IntegrationKeys.hash(k)).isPresent()) {
            throw new ConflictException(
                    "alerting.integration.keyTaken", "this key belongs to another integration", Map.of("field", "key"));
        }
        return k;
    }

    private static String name(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("name", "alerting.required", "required");
        }
        String n = raw.trim();
        if (n.length() > 100) {
            throw new InvalidInputException("name", "alerting.tooLong", "at most 100 characters", 100);
        }
        return n;
    }

    private static ConflictException changedMeanwhile() {
        return new ConflictException(
                "alerting.integration.changed", "the integration changed meanwhile: read it again", Map.of());
    }

    private static InvalidInputException mappingGenericOnly() {
        return new InvalidInputException(
                "mapping", "alerting.integration.mappingGenericOnly", "only generic integrations have a field mapping");
    }
}
