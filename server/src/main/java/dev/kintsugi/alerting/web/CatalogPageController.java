package dev.kintsugi.alerting.web;

import dev.kintsugi.alerting.AlertCatalog;
import dev.kintsugi.alerting.AlertDefinition;
import dev.kintsugi.alerting.AlertGroupView;
import dev.kintsugi.alerting.AlertGroups;
import dev.kintsugi.alerting.RoutingAction;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Markdown;
import java.util.List;
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

/**
 * The alert catalog pages: the definitions, one definition (its runbook), its form (new, prefilled from an
 * undocumented alert, or edited), and the undocumented alerts per team.
 */
@Controller
@RequestMapping("/alerts")
class CatalogPageController {
    private final AlertGroups groups;
    private final AlertCatalog definitions;
    private final CatalogManagement catalog;
    private final Markdown markdown;

    CatalogPageController(AlertGroups groups, AlertCatalog definitions, CatalogManagement catalog, Markdown markdown) {
        this.groups = groups;
        this.definitions = definitions;
        this.catalog = catalog;
        this.markdown = markdown;
    }

    // ---- catalog ----

    @GetMapping("/catalog")
    String catalogPage(Model model) {
        model.addAttribute("definitions", definitions.list());
        model.addAttribute("teamNames", PageLookups.teamNames(catalog));
        return "alerting/catalog";
    }

    @GetMapping("/catalog/{id:\\d+}")
    String definition(@PathVariable long id, Model model) {
        AlertDefinition d = definitions.get(id);
        model.addAttribute("definition", d);
        model.addAttribute("teamNames", PageLookups.teamNames(catalog));
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
        return definitionForm(
                model, DefinitionForm.of(d, PageLookups.teamNames(catalog).get(d.ownerTeamId())), d);
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
        model.addAttribute("items", definitions.undocumented(PageLookups.blank(team) ? null : team));
        model.addAttribute("teams", catalog.teams());
        model.addAttribute("team", team);
        return "alerting/undocumented";
    }
}
