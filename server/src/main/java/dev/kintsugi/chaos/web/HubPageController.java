package dev.kintsugi.chaos.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.ChaosHub;
import dev.kintsugi.chaos.ChaosTargets;
import dev.kintsugi.chaos.ExperimentView;
import dev.kintsugi.chaos.HubInstantiation;
import dev.kintsugi.chaos.HubParameter;
import dev.kintsugi.chaos.HubTemplateDraft;
import dev.kintsugi.chaos.HubTemplateView;
import dev.kintsugi.chaos.InvalidExperimentText;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The hub's pages: the catalog, a template's page (its parameters, and the instantiation form: pick the service,
 * then its target, values prefilled), and a team's template form (new, from an experiment, edit, delete).
 */
@Controller
class HubPageController {
    private final ChaosHub hub;
    private final CatalogManagement catalog;
    private final ChaosTargets targets;
    private final MessageSource messages;

    HubPageController(ChaosHub hub, CatalogManagement catalog, ChaosTargets targets, MessageSource messages) {
        this.hub = hub;
        this.catalog = catalog;
        this.targets = targets;
        this.messages = messages;
    }

    @ModelAttribute("canChaos")
    boolean canChaos() {
        return Actor.hasRole(Role.CHAOS_ENGINEER);
    }

    @GetMapping("/chaos/hub")
    String hub(Model model, Locale locale) {
        model.addAttribute("templates", hub.list(locale));
        return "chaos/hub";
    }

    @GetMapping("/chaos/hub/{id}")
    String template(
            @PathVariable String id, @RequestParam(required = false) String service, Model model, Locale locale) {
        return templatePage(hub.get(id, locale), service, Map.of(), null, model);
    }

    @PostMapping("/chaos/hub/{id}/instantiate")
    String instantiate(@PathVariable String id, @RequestParam Map<String, String> form, Model model, Locale locale) {
        HubTemplateView t = hub.get(id, locale);
        try {
            ExperimentView e = hub.instantiate(
                    id,
                    new HubInstantiation(
                            form.get("service"),
                            number(form.get("targetId"), "targetId"),
                            form.get("proxyApiUrl"),
                            form.get("proxy"),
                            form.get("namespace"),
                            form.get("labels"),
                            form.get("deployment"),
                            form.get("probeUrl"),
                            parameters(t.parameters(), form),
                            form.get("title")),
                    locale);
            return "redirect:/chaos/experiments/" + e.id() + "?saved";
        } catch (InvalidInputException e) {
            return templatePage(
                    t,
                    form.get("service"),
                    form,
                    problem(e.field(), messages.getMessage(e.resolvable(), locale)),
                    model);
        } catch (InvalidExperimentText e) {
            var p = e.problems().get(0);
            return templatePage(
                    t,
                    form.get("service"),
                    form,
                    problem(p.path() == null ? p.field() : p.path(), messages.getMessage(p.resolvable(), locale)),
                    model);
        }
    }

    private String templatePage(
            HubTemplateView t, String service, Map<String, String> form, Map<String, String> error, Model model) {
        model.addAttribute("template", t);
        model.addAttribute("services", catalog.services());
        String chosen = service == null || service.isBlank() ? null : service.trim();
        model.addAttribute("service", chosen);
        model.addAttribute(
                "targets",
                chosen != null && catalog.findService(chosen).isPresent() ? targets.targets(chosen) : List.of());
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        return "chaos/hub-template";
    }

    @GetMapping("/chaos/hub/new")
    String newTemplate(@RequestParam(required = false) Long fromExperiment, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        if (fromExperiment != null) {
            form.put("fromExperiment", Long.toString(fromExperiment));
        }
        return templateForm(null, form, null, model);
    }

    @GetMapping("/chaos/hub/{id}/edit")
    String edit(@PathVariable String id, Model model, Locale locale) {
        HubTemplateView t = hub.get(id, locale);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("team", t.teamName());
        form.put("name", t.name());
        form.put("description", t.description());
        form.put("hypothesis", t.hypothesis());
        form.put("fault", t.fault());
        t.parameters().forEach(p -> form.put("p." + p.name(), Integer.toString(p.defaultValue())));
        form.put("probePath", t.probePath());
        form.put("expectedStatus", Integer.toString(t.expectedStatus()));
        form.put("weight", Integer.toString(t.weight()));
        form.put("version", Long.toString(t.version()));
        return templateForm(t, form, null, model);
    }

    @PostMapping("/chaos/hub")
    String create(@RequestParam Map<String, String> form, Model model, Locale locale) {
        try {
            HubTemplateView t = hub.create(draft(form));
            return "redirect:/chaos/hub/" + t.id() + "?saved";
        } catch (InvalidInputException e) {
            return templateForm(null, form, problem(e.field(), messages.getMessage(e.resolvable(), locale)), model);
        }
    }

    @PostMapping("/chaos/hub/{id}")
    String update(@PathVariable String id, @RequestParam Map<String, String> form, Model model, Locale locale) {
        HubTemplateView before = hub.get(id, locale);
        try {
            hub.update(id, draft(form), number(form.get("version"), "version"));
            return "redirect:/chaos/hub/" + id + "?saved";
        } catch (InvalidInputException e) {
            return templateForm(before, form, problem(e.field(), messages.getMessage(e.resolvable(), locale)), model);
        }
    }

    @PostMapping("/chaos/hub/{id}/delete")
    String delete(@PathVariable String id, @RequestParam(required = false) String version) {
        hub.delete(id, number(version, "version"));
        return "redirect:/chaos/hub?deleted";
    }

    private String templateForm(
            HubTemplateView editing, Map<String, String> form, Map<String, String> error, Model model) {
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        model.addAttribute("error", error);
        model.addAttribute("teams", catalog.teams());
        model.addAttribute("faults", ChaosHub.faults());
        model.addAttribute("parameterNames", parameterNames());
        return "chaos/hub-template-form";
    }

    /** Every parameter name any fault has, once, in the catalog's order. */
    private static List<String> parameterNames() {
        return ChaosHub.faults().values().stream()
                .flatMap(List::stream)
                .map(HubParameter::name)
                .distinct()
                .toList();
    }

    private static HubTemplateDraft draft(Map<String, String> form) {
        String fault = form.get("fault");
        Long from = number(form.get("fromExperiment"), "fromExperiment");
        Map<String, Integer> values = null;
        if (from == null && fault != null && ChaosHub.faults().containsKey(fault)) {
            values = parameters(ChaosHub.faults().get(fault), form);
        }
        return new HubTemplateDraft(
                form.get("team"),
                form.get("name"),
                form.get("description"),
                form.get("hypothesis"),
                fault,
                values,
                form.get("probePath"),
                integer(form.get("expectedStatus"), "expectedStatus"),
                integer(form.get("weight"), "weight"),
                from);
    }

    /** The values of the form's {@code p.<name>} fields for these parameters (blank: the default). */
    private static Map<String, Integer> parameters(List<HubParameter> parameters, Map<String, String> form) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (HubParameter p : parameters) {
            Integer v = integer(form.get("p." + p.name()), "parameters." + p.name());
            if (v != null) {
                values.put(p.name(), v);
            }
        }
        return values;
    }

    private static Integer integer(String s, String field) {
        Long n = number(s, field);
        if (n != null && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
            throw new InvalidInputException(field, "chaos.error.number", "a whole number");
        }
        return n == null ? null : n.intValue();
    }

    private static Long number(String s, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "chaos.error.number", "a whole number");
        }
    }

    private static Map<String, String> problem(String field, String message) {
        return Map.of("field", field == null ? "" : field, "message", message);
    }
}
