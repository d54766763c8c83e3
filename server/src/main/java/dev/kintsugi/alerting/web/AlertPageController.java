package dev.kintsugi.alerting.web;

import dev.kintsugi.alerting.AlertCatalog;
import dev.kintsugi.alerting.AlertDefinition;
import dev.kintsugi.alerting.AlertGroupView;
import dev.kintsugi.alerting.AlertGroups;
import dev.kintsugi.alerting.CreatedIntegration;
import dev.kintsugi.alerting.GroupStatus;
import dev.kintsugi.alerting.Integration;
import dev.kintsugi.alerting.Integrations;
import dev.kintsugi.alerting.NewIntegration;
import dev.kintsugi.alerting.RoutingAction;
import dev.kintsugi.alerting.Silences;
import dev.kintsugi.alerting.SourceType;
import dev.kintsugi.alerting.persistence.AlertGroupRepository.Filter;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.LiveUpdates;
import dev.kintsugi.platform.Markdown;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The alerting pages: the live alert list, one alert (its runbook first), integrations (the key shown once),
 * the alert catalog and its form, undocumented alerts per team, silences and maintenance windows.
 */
@Controller
@RequestMapping("/alerts")
class AlertPageController {
    private static final Map<String, Duration> DURATIONS = new java.util.LinkedHashMap<>();

    static {
        DURATIONS.put("1h", Duration.ofHours(1));
        DURATIONS.put("2h", Duration.ofHours(2));
        DURATIONS.put("4h", Duration.ofHours(4));
        DURATIONS.put("8h", Duration.ofHours(8));
        DURATIONS.put("24h", Duration.ofHours(24));
        DURATIONS.put("7d", Duration.ofDays(7));
    }

    private final AlertGroups groups;
    private final Integrations integrations;
    private final AlertCatalog definitions;
    private final Silences silences;
    private final CatalogManagement catalog;
    private final LiveUpdates live;
    private final Markdown markdown;
    private final KintsugiProperties properties;
    private final Clock clock;

    AlertPageController(
            AlertGroups groups,
            Integrations integrations,
            AlertCatalog definitions,
            Silences silences,
            CatalogManagement catalog,
            LiveUpdates live,
            Markdown markdown,
            KintsugiProperties properties,
            Clock clock) {
        this.groups = groups;
        this.integrations = integrations;
        this.definitions = definitions;
        this.silences = silences;
        this.catalog = catalog;
        this.live = live;
        this.markdown = markdown;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- the list ----

    @GetMapping
    String list(
            @RequestParam(required = false) GroupStatus status,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String q,
            Model model) {
        rows(status, service, team, q, model);
        model.addAttribute("statuses", GroupStatus.values());
        model.addAttribute("services", catalog.services());
        model.addAttribute("teams", catalog.teams());
        return "alerting/list";
    }

    @GetMapping("/rows")
    String rowsFragment(
            @RequestParam(required = false) GroupStatus status,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String q,
            Model model) {
        rows(status, service, team, q, model);
        return "alerting/list :: rows";
    }

    private void rows(GroupStatus status, String service, String team, String q, Model model) {
        Long serviceId = blank(service)
                ? null
                : catalog.findService(service).map(CatalogService::id).orElse(-1L);
        Long teamId = blank(team) ? null : catalog.findTeam(team).map(Team::id).orElse(-1L);
        boolean openOnly = status == null && q == null && service == null && team == null;
        model.addAttribute("groups", groups.search(new Filter(status, openOnly, serviceId, teamId, null, q), 200));
        model.addAttribute("status", status);
        model.addAttribute("service", service);
        model.addAttribute("team", team);
        model.addAttribute("q", q);
        model.addAttribute("openOnly", openOnly);
        model.addAttribute("serviceNames", serviceNames());
    }

    @GetMapping(path = "/stream", produces = "text/event-stream")
    SseEmitter stream() {
        return live.subscribe("alerts:all");
    }

    // ---- one alert ----

    @GetMapping("/{id:\\d+}")
    String show(@PathVariable long id, Model model) {
        AlertGroupView g = groups.get(id);
        model.addAttribute("group", g);
        model.addAttribute("occurrences", groups.occurrences(id, 100));
        model.addAttribute("occurrenceCount", groups.occurrenceCount(id));
        model.addAttribute("serviceNames", serviceNames());
        model.addAttribute("teamNames", teamNames());
        Integration integration = integrations.get(g.integrationId());
        model.addAttribute("integration", integration);
        AlertDefinition d = definitions.find(g.definitionId()).orElse(null);
        model.addAttribute("definition", d);
        model.addAttribute("runbookHtml", d == null ? null : markdown.toHtml(d.runbook()));
        return "alerting/group";
    }

    @GetMapping(path = "/{id:\\d+}/stream", produces = "text/event-stream")
    SseEmitter groupStream(@PathVariable long id) {
        groups.get(id);
        return live.subscribe("alert:" + id);
    }

    @PostMapping("/{id:\\d+}/acknowledge")
    @PreAuthorize("hasRole('RESPONDER')")
    String acknowledge(@PathVariable long id, RedirectAttributes flash) {
        try {
            groups.acknowledge(id, null);
        } catch (ConflictException e) {
            flash.addFlashAttribute("problem", "alerting.group.refused");
        }
        return "redirect:/alerts/" + id;
    }

    @PostMapping("/{id:\\d+}/resolve")
    @PreAuthorize("hasRole('RESPONDER')")
    String resolve(@PathVariable long id) {
        groups.resolve(id, null);
        return "redirect:/alerts/" + id;
    }

    // ---- integrations ----

    @GetMapping("/integrations")
    String integrations(Model model) {
        return integrationsPage(model, new IntegrationForm(), null);
    }

    @PostMapping("/integrations")
    @PreAuthorize("hasRole('RESPONDER')")
    String createIntegration(@ModelAttribute("form") IntegrationForm form, BindingResult errors, Model model) {
        if (errors.hasErrors()) {
            return integrationsPage(model, form, null);
        }
        try {
            String[] owner =
                    form.getOwner() == null ? new String[0] : form.getOwner().split(":", 2);
            String service = owner.length == 2 && owner[0].equals("service") ? owner[1] : null;
            String team = owner.length == 2 && owner[0].equals("team") ? owner[1] : null;
            SourceType type = blank(form.getSourceType()) ? null : SourceType.valueOf(form.getSourceType());
            RoutingAction routing = blank(form.getRouting()) ? null : RoutingAction.valueOf(form.getRouting());
            CreatedIntegration c = integrations.create(new NewIntegration(
                    form.getName(), type, service, team, form.isSigned(), form.getMapping(), routing, null));
            return integrationsPage(model, new IntegrationForm(), c);
        } catch (InvalidInputException e) {
            String field = e.field() != null && e.field().startsWith("mapping") ? "mapping" : e.field();
            if (List.of("service", "team").contains(field)) {
                field = "owner";
            }
            if (!List.of("name", "sourceType", "owner", "mapping", "signed").contains(field)) {
                field = "name";
            }
            errors.rejectValue(field, e.code() == null ? "alerting.invalid" : e.code(), e.args(), e.getMessage());
        } catch (IllegalArgumentException e) {
            errors.rejectValue("sourceType", "alerting.invalid", e.getMessage());
        } catch (AccessDeniedException e) {
            errors.rejectValue("owner", "alerting.integration.not-yours", "not your team's");
        }
        return integrationsPage(model, form, null);
    }

    @PostMapping("/integrations/{id}/rotate")
    @PreAuthorize("hasRole('RESPONDER')")
    String rotate(@PathVariable long id, Model model) {
        return integrationsPage(model, new IntegrationForm(), integrations.rotate(id, null));
    }

    @PostMapping("/integrations/{id}/disable")
    @PreAuthorize("hasRole('RESPONDER')")
    String disable(@PathVariable long id) {
        integrations.disable(id, null);
        return "redirect:/alerts/integrations";
    }

    private String integrationsPage(Model model, IntegrationForm form, CreatedIntegration created) {
        model.addAttribute("form", form);
        model.addAttribute("created", created);
        model.addAttribute(
                "createdEndpoint",
                created == null
                        ? null
                        : IntegrationApiController.endpoint(
                                created.integration().sourceType()));
        model.addAttribute("baseUrl", properties.baseUrl());
        List<Integration> all = integrations.list();
        model.addAttribute("integrations", all);
        Map<Long, Boolean> manageable = new HashMap<>();
        all.forEach(i -> manageable.put(i.id(), integrations.mayManage(i)));
        model.addAttribute("manageable", manageable);
        model.addAttribute("owners", integrations.ownerNames());
        model.addAttribute("types", SourceType.values());
        model.addAttribute("routings", RoutingAction.values());
        model.addAttribute("services", catalog.services());
        model.addAttribute("teams", catalog.teams());
        return "alerting/integrations";
    }

    // ---- catalog ----

    @GetMapping("/catalog")
    String catalogPage(Model model) {
        model.addAttribute("definitions", definitions.list());
        model.addAttribute("teamNames", teamNames());
        return "alerting/catalog";
    }

    @GetMapping("/catalog/{id:\\d+}")
    String definition(@PathVariable long id, Model model) {
        AlertDefinition d = definitions.get(id);
        model.addAttribute("definition", d);
        model.addAttribute("teamNames", teamNames());
        model.addAttribute("runbookHtml", markdown.toHtml(d.runbook()));
        model.addAttribute("mappingText", dev.kintsugi.alerting.SeverityMapping.format(d.severityMapping()));
        return "alerting/definition";
    }

    @GetMapping("/catalog/new")
    @PreAuthorize("hasRole('RESPONDER')")
    String newDefinition(@RequestParam(required = false) Long group, Model model) {
        DefinitionForm form = DefinitionForm.of(new dev.kintsugi.alerting.DefinitionDraft(
                null, null, null, null, null, AlertCatalog.RUNBOOK_TEMPLATE, null));
        if (group != null) {
            AlertGroupView g = groups.get(group);
            form = definitions.undocumented(null).stream()
                    .filter(u -> u.latest().id() == g.id()
                            || u.alertName().equals(g.labels().getOrDefault("alertname", g.title())))
                    .findFirst()
                    .map(u -> DefinitionForm.of(u.draft()))
                    .orElse(form);
        }
        return definitionForm(model, form, null);
    }

    @PostMapping("/catalog")
    @PreAuthorize("hasRole('RESPONDER')")
    String createDefinition(@ModelAttribute("form") DefinitionForm form, BindingResult errors, Model model) {
        if (errors.hasErrors()) {
            return definitionForm(model, form, null);
        }
        try {
            AlertDefinition d = definitions.create(form.toDraft());
            return "redirect:/alerts/catalog/" + d.id();
        } catch (InvalidInputException e) {
            errors.rejectValue(
                    formField(e.field()), e.code() == null ? "alerting.invalid" : e.code(), e.args(), e.getMessage());
        } catch (ConflictException e) {
            errors.rejectValue("name", "alerting.conflict", e.getMessage());
        }
        return definitionForm(model, form, null);
    }

    @GetMapping("/catalog/{id:\\d+}/edit")
    @PreAuthorize("hasRole('RESPONDER')")
    String editDefinition(@PathVariable long id, Model model) {
        AlertDefinition d = definitions.get(id);
        return definitionForm(model, DefinitionForm.of(d, teamNames().get(d.ownerTeamId())), d);
    }

    @PostMapping("/catalog/{id:\\d+}")
    @PreAuthorize("hasRole('RESPONDER')")
    String updateDefinition(
            @PathVariable long id, @ModelAttribute("form") DefinitionForm form, BindingResult errors, Model model) {
        AlertDefinition current = definitions.get(id);
        if (errors.hasErrors()) {
            return definitionForm(model, form, current);
        }
        try {
            definitions.update(id, form.toDraft(), null);
            return "redirect:/alerts/catalog/" + id;
        } catch (InvalidInputException e) {
            errors.rejectValue(
                    formField(e.field()), e.code() == null ? "alerting.invalid" : e.code(), e.args(), e.getMessage());
        } catch (ConflictException e) {
            errors.rejectValue("name", "alerting.conflict", e.getMessage());
        }
        return definitionForm(model, form, current);
    }

    private static String formField(String field) {
        return List.of("name", "ownerTeam", "matchers", "severityMapping", "routing", "runbook", "expectedMinutes")
                        .contains(field)
                ? field
                : "name";
    }

    private String definitionForm(Model model, DefinitionForm form, AlertDefinition editing) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("teams", catalog.teams());
        model.addAttribute("routings", RoutingAction.values());
        return "alerting/definition-form";
    }

    @GetMapping("/undocumented")
    String undocumented(@RequestParam(required = false) String team, Model model) {
        model.addAttribute("items", definitions.undocumented(blank(team) ? null : team));
        model.addAttribute("teams", catalog.teams());
        model.addAttribute("team", team);
        return "alerting/undocumented";
    }

    // ---- silences, maintenance ----

    @GetMapping("/silences")
    String silencesPage(Model model) {
        model.addAttribute("silences", silences.recent());
        model.addAttribute("maintenance", silences.maintenanceNotEnded());
        model.addAttribute("services", catalog.services());
        model.addAttribute("serviceNames", serviceNames());
        model.addAttribute("durations", DURATIONS.keySet());
        model.addAttribute("now", clock.instant());
        return "alerting/silences";
    }

    @PostMapping("/silences")
    @PreAuthorize("hasRole('RESPONDER')")
    String silence(
            @RequestParam String matchers,
            @RequestParam String duration,
            @RequestParam String comment,
            RedirectAttributes flash) {
        try {
            silences.create(
                    matchers,
                    null,
                    clock.instant().plus(DURATIONS.getOrDefault(duration, Duration.ofHours(1))),
                    comment);
            flash.addFlashAttribute("notice", "alerting.silence.saved");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("problem", "alerting.silence.refused");
            flash.addFlashAttribute("problemArg0", e.getMessage());
        }
        return "redirect:/alerts/silences";
    }

    @PostMapping("/silences/{id}/expire")
    @PreAuthorize("hasRole('RESPONDER')")
    String expire(@PathVariable long id) {
        try {
            silences.expire(id, null);
        } catch (ConflictException e) {
            // ended already: nothing to do
        }
        return "redirect:/alerts/silences";
    }

    @PostMapping("/maintenance")
    @PreAuthorize("hasRole('RESPONDER')")
    String maintenance(
            @RequestParam String service,
            @RequestParam String duration,
            @RequestParam String reason,
            RedirectAttributes flash) {
        try {
            silences.maintenance(
                    service, null, clock.instant().plus(DURATIONS.getOrDefault(duration, Duration.ofHours(1))), reason);
            flash.addFlashAttribute("notice", "alerting.maintenance.saved");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("problem", "alerting.silence.refused");
            flash.addFlashAttribute("problemArg0", e.getMessage());
        }
        return "redirect:/alerts/silences";
    }

    private Map<Long, String> serviceNames() {
        Map<Long, String> m = new HashMap<>();
        catalog.services().forEach(s -> m.put(s.id(), s.name()));
        return m;
    }

    private Map<Long, String> teamNames() {
        Map<Long, String> m = new HashMap<>();
        catalog.teams().forEach(t -> m.put(t.id(), t.name()));
        return m;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
