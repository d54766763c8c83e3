package dev.kintsugi.alerting;

import dev.kintsugi.alerting.persistence.AlertGroupRepository;
import dev.kintsugi.alerting.persistence.DefinitionRepository;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Versions;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The alert catalog: every alert named after its application and owning squad, with a runbook (what triggers
 * it, what it means for customers, how to diagnose and resolve it, how long that usually takes). Incoming alerts
 * are matched to definitions by their labels; those that match none are listed as undocumented, per team, each
 * with a prefilled definition to document it in one click.
 */
@Service
@Transactional
public class AlertCatalog {
    public static final int MAX_RUNBOOK = 50_000;
    private final DefinitionRepository repo;
    private final AlertGroupRepository groups;
    private final CatalogManagement catalog;
    private final AuditLog audit;
    private final Pattern namePattern;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    AlertCatalog(
            DefinitionRepository repo,
            AlertGroupRepository groups,
            CatalogManagement catalog,
            AuditLog audit,
            AlertingProperties properties,
            Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.repo = repo;
        this.groups = groups;
        this.catalog = catalog;
        this.audit = audit;
        this.namePattern = Pattern.compile(properties.namePattern());
        this.clock = clock;
    }

    /** An alert no definition matched, as the undocumented list shows it, with a prefilled definition. */
    public record Undocumented(
            String alertName,
            Long teamId,
            String teamName,
            long groups,
            AlertGroupView latest,
            DefinitionDraft draft) {}

    public AlertDefinition create(DefinitionDraft d) {
        Checked c = check(d, 0);
        long id = repo.insert(
                c.name,
                c.team.id(),
                c.matchers,
                c.mapping,
                d.routing(),
                c.runbook,
                d.expectedMinutes(),
                clock.instant());
        AlertDefinition created = repo.find(id).orElseThrow();
        audit.record(
                "alerting.definition-created", "alert-definition", c.name, "Documented alert " + c.name, null, created);
        events.publishEvent(new AlertDefinitionChanged(id, c.name, c.team.id(), true, clock.instant()));
        return created;
    }

    public AlertDefinition update(long id, DefinitionDraft d, Long expectedVersion) {
        AlertDefinition before = get(id);
        Versions.require(expectedVersion, before.version(), "Alert definition " + id);
        Checked c = check(d, id);
        if (repo.update(
                        id,
                        before.version(),
                        c.name,
                        c.team.id(),
                        c.matchers,
                        c.mapping,
                        d.routing(),
                        c.runbook,
                        d.expectedMinutes())
                == 0) {
            throw new ConflictException(
                    "alerting.definition.changed", "the definition changed meanwhile: read it again", Map.of());
        }
        AlertDefinition after = repo.find(id).orElseThrow();
        audit.record(
                "alerting.definition-updated", "alert-definition", c.name, "Changed alert " + c.name, before, after);
        events.publishEvent(new AlertDefinitionChanged(id, c.name, c.team.id(), false, clock.instant()));
        return after;
    }

    @Transactional(readOnly = true)
    public List<AlertDefinition> list() {
        return repo.findAll();
    }

    @Transactional(readOnly = true)
    public AlertDefinition get(long id) {
        return repo.find(id).orElseThrow(() -> new NotFoundException("Alert definition", id));
    }

    @Transactional(readOnly = true)
    public Optional<AlertDefinition> find(Long id) {
        return id == null ? Optional.empty() : repo.find(id);
    }

    /** The definition recognising these labels: of those whose matchers all match, the most specific. */
    @Transactional(readOnly = true)
    public Optional<AlertDefinition> match(Map<String, String> labels) {
        return repo.findAll().stream()
                .filter(d -> LabelMatcher.all(d.matchers(), labels))
                .max(Comparator.comparingInt((AlertDefinition d) -> d.matchers().size())
                        .thenComparing(AlertDefinition::id, Comparator.reverseOrder()));
    }

    /** Alerts no definition matched, per alert name and team (null: all teams), the most recent first. */
    @Transactional(readOnly = true)
    public List<Undocumented> undocumented(String team) {
        Long teamId = team == null || team.isBlank() ? null : catalog.team(team).id();
        Map<Long, Team> teams = new LinkedHashMap<>();
        catalog.teams().forEach(t -> teams.put(t.id(), t));
        Map<Long, CatalogService> services = new LinkedHashMap<>();
        catalog.services().forEach(s -> services.put(s.id(), s));
        Map<String, Undocumented> out = new LinkedHashMap<>();
        for (AlertGroupView g : groups.undocumented(2000)) {
            Long owner = g.teamIds().isEmpty() ? null : g.teamIds().iterator().next();
            if (teamId != null && !g.teamIds().contains(teamId)) {
                continue;
            }
            if (teamId != null) {
                owner = teamId;
            }
            String alertName = g.labels().getOrDefault("alertname", g.title());
            String key = owner + "\u0000" + alertName;
            Undocumented u = out.get(key);
            if (u == null) {
                Team t = owner == null ? null : teams.get(owner);
                String app = g.serviceIds().isEmpty()
                                || services.get(g.serviceIds().iterator().next()) == null
                        ? "app"
                        : services.get(g.serviceIds().iterator().next()).name();
                String squad = t == null ? "squad" : t.name();
                DefinitionDraft draft = new DefinitionDraft(
                        app + "." + squad + "." + slug(alertName),
                        t == null ? null : t.name(),
                        g.labels().containsKey("alertname")
                                ? new LabelMatcher("alertname", LabelMatcher.Op.EQ, alertName, null).toString()
                                : "",
                        g.sourceSeverity() == null
                                ? ""
                                : g.sourceSeverity().toLowerCase(Locale.ROOT) + "=" + g.severity(),
                        null,
                        RUNBOOK_TEMPLATE,
                        null);
                out.put(key, new Undocumented(alertName, owner, t == null ? null : t.name(), 1, g, draft));
            } else {
                out.put(
                        key,
                        new Undocumented(
                                u.alertName(), u.teamId(), u.teamName(), u.groups() + 1, u.latest(), u.draft()));
            }
        }
        return List.copyOf(out.values());
    }

    /** The runbook's sections, the same for every alert (prefilled in the form). */
    public static final String RUNBOOK_TEMPLATE = """
            ## What triggers it

            ## Customer impact

            ## Diagnose

            ## Resolve

            """;

    private record Checked(String name, Team team, String matchers, String mapping, String runbook) {}

    private Checked check(DefinitionDraft d, long id) {
        if (d.name() == null || d.name().isBlank()) {
            throw new InvalidInputException("name", "alerting.required", "required");
        }
        String name = d.name().trim();
        if (name.length() > 150 || !namePattern.matcher(name).matches()) {
            throw new InvalidInputException(
                    "name",
                    "alerting.definition.namePattern",
                    "must be named <application>.<squad>.<description> (pattern " + namePattern.pattern() + ")",
                    namePattern.pattern());
        }
        if (repo.nameTaken(name, id)) {
            throw new ConflictException(
                    "alerting.definition.nameTaken",
                    "an alert named " + name + " exists already",
                    Map.of("field", "name"),
                    name);
        }
        if (d.ownerTeam() == null || d.ownerTeam().isBlank()) {
            throw new InvalidInputException("ownerTeam", "alerting.required", "required");
        }
        Team team = catalog.findTeam(d.ownerTeam().trim())
                .orElseThrow(() -> new InvalidInputException("ownerTeam", "alerting.noSuchTeam", "no such team"));
        List<LabelMatcher> matchers = LabelMatcher.parse(d.matchers(), "matchers");
        var mapping = SeverityMapping.parse(d.severityMapping(), "severityMapping");
        if (d.runbook() == null || d.runbook().isBlank()) {
            throw new InvalidInputException(
                    "runbook",
                    "alerting.definition.runbookRequired",
                    "required: what triggers it, customer impact, diagnose, resolve");
        }
        if (d.runbook().length() > MAX_RUNBOOK) {
            throw new InvalidInputException(
                    "runbook", "alerting.tooLong", "at most " + MAX_RUNBOOK + " characters", MAX_RUNBOOK);
        }
        if (d.expectedMinutes() != null && (d.expectedMinutes() < 1 || d.expectedMinutes() > 100_000)) {
            throw new InvalidInputException(
                    "expectedMinutes", "alerting.definition.expectedMinutes", "between 1 and 100000");
        }
        Actor.current();
        return new Checked(
                name,
                team,
                String.join(", ", matchers.stream().map(LabelMatcher::toString).toList()),
                mapping.isEmpty() ? null : SeverityMapping.format(mapping),
                d.runbook());
    }

    static String slug(String s) {
        String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (out.isEmpty() || !Character.isLetter(out.charAt(0))) {
            out = "alert-" + out;
        }
        return out.length() > 60 ? out.substring(0, 60) : out;
    }
}
