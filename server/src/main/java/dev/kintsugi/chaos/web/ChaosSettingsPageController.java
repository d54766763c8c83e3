package dev.kintsugi.chaos.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.chaos.ChaosExperiments;
import dev.kintsugi.chaos.ChaosTargets;
import dev.kintsugi.chaos.ServicePolicy;
import dev.kintsugi.chaos.TargetDraft;
import dev.kintsugi.chaos.TargetKind;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.StaleVersionException;
import java.util.Arrays;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages for what the API alone had: a service's chaos targets (add, remove, check now) and its policy (allow-lists,
 * caps, window), and an experiment's cron schedule. A refused field is shown next to it, in the reader's language.
 */
@Controller
class ChaosSettingsPageController {
    private final ChaosTargets targets;
    private final ChaosExperiments experiments;
    private final CatalogManagement catalog;
    private final MessageSource messages;

    ChaosSettingsPageController(
            ChaosTargets targets, ChaosExperiments experiments, CatalogManagement catalog, MessageSource messages) {
        this.targets = targets;
        this.experiments = experiments;
        this.catalog = catalog;
        this.messages = messages;
    }

    /** The add-target form, bound field by field. */
    record TargetForm(String kind, String name, String url, String proxies, String namespace, String labels) {
        static TargetForm empty() {
            return new TargetForm("PROXY", null, null, null, null, null);
        }

        TargetDraft draft() {
            TargetKind k;
            try {
                k = TargetKind.valueOf(kind == null ? "" : kind);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        "kind", "chaos.error.target.kind", "must be one of PROXY, KUBERNETES, HTTP, CHAOS_MONKEY");
            }
            return new TargetDraft(k, blank(name), blank(url), list(proxies), blank(namespace), blank(labels));
        }
    }

    /** The policy form: lists comma-separated, {@code version} the one it was read at. */
    record PolicyForm(
            String allowedNamespaces,
            String allowedHosts,
            String allowedProxies,
            String maxConcurrentRuns,
            String maxPodPercent,
            List<String> windowDays,
            String windowStart,
            String windowEnd,
            String windowZone,
            Long version) {
        static PolicyForm of(ServicePolicy p) {
            return new PolicyForm(
                    String.join(", ", p.allowedNamespaces()),
                    String.join(", ", p.allowedHosts()),
                    String.join(", ", p.allowedProxies()),
                    Integer.toString(p.maxConcurrentRuns()),
                    Integer.toString(p.maxPodPercent()),
                    p.windowDays(),
                    p.windowStart(),
                    p.windowEnd(),
                    p.windowZone(),
                    p.version());
        }

        ServicePolicy policy() {
            return new ServicePolicy(
                    0,
                    list(allowedNamespaces),
                    list(allowedHosts),
                    list(allowedProxies),
                    number(maxConcurrentRuns, "maxConcurrentRuns", 1),
                    number(maxPodPercent, "maxPodPercent", 50),
                    windowDays == null ? List.of() : windowDays,
                    blank(windowStart),
                    blank(windowEnd),
                    blank(windowZone),
                    0);
        }
    }

    @ModelAttribute("canChaos")
    boolean canChaos() {
        return Actor.hasRole(Role.CHAOS_ENGINEER);
    }

    @GetMapping("/chaos/services/{service}")
    String settings(@PathVariable String service, Model model) {
        return page(service, model, TargetForm.empty(), null, null, Map.of());
    }

    @PostMapping("/chaos/services/{service}/targets")
    String addTarget(@PathVariable String service, @ModelAttribute TargetForm form, Model model, Locale locale) {
        try {
            targets.addTarget(service, form.draft());
            return "redirect:/chaos/services/" + catalog.service(service).name() + "?targetAdded";
        } catch (InvalidInputException e) {
            return page(service, model, form, null, "target", Map.of(e.field(), message(e, locale)));
        } catch (ConflictException e) {
            return page(
                    service,
                    model,
                    form,
                    null,
                    "target",
                    Map.of("name", messages.getMessage("chaos.invalid.nameTaken", null, locale)));
        }
    }

    @PostMapping("/chaos/services/{service}/targets/{id}/delete")
    String removeTarget(@PathVariable String service, @PathVariable long id) {
        targets.removeTarget(service, id);
        return "redirect:/chaos/services/" + catalog.service(service).name() + "?targetRemoved";
    }

    @PostMapping("/chaos/services/{service}/policy")
    String setPolicy(@PathVariable String service, @ModelAttribute PolicyForm form, Model model, Locale locale) {
        try {
            targets.setPolicy(service, form.policy(), form.version());
            return "redirect:/chaos/services/" + catalog.service(service).name() + "?policySaved";
        } catch (InvalidInputException e) {
            return page(service, model, TargetForm.empty(), form, "policy", Map.of(e.field(), message(e, locale)));
        } catch (StaleVersionException | ConflictException e) {
            return page(
                    service,
                    model,
                    TargetForm.empty(),
                    form,
                    "policy",
                    Map.of("version", messages.getMessage("chaos.invalid.stale", null, locale)));
        }
    }

    @PostMapping("/chaos/experiments/{id}/schedule")
    String schedule(
            @PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String cron,
            @org.springframework.web.bind.annotation.RequestParam(required = false) Long version,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            experiments.schedule(id, cron, version);
            return "redirect:/chaos/experiments/" + id + "?scheduled";
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("cronError", message(e, locale));
            redirect.addFlashAttribute("cronValue", cron);
        } catch (StaleVersionException | ConflictException e) {
            redirect.addFlashAttribute("cronError", messages.getMessage("chaos.invalid.stale", null, locale));
            redirect.addFlashAttribute("cronValue", cron);
        }
        return "redirect:/chaos/experiments/" + id;
    }

    @PostMapping("/chaos/experiments/{id}/weight")
    String weight(
            @PathVariable long id,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String weight,
            @org.springframework.web.bind.annotation.RequestParam(required = false) Long version,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            experiments.setWeight(id, number(weight, "weight", 1), version);
            return "redirect:/chaos/experiments/" + id + "?weighted";
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("weightError", message(e, locale));
        } catch (StaleVersionException | ConflictException e) {
            redirect.addFlashAttribute("weightError", messages.getMessage("chaos.invalid.stale", null, locale));
        }
        return "redirect:/chaos/experiments/" + id;
    }

    private String page(
            String service,
            Model model,
            TargetForm targetForm,
            PolicyForm policyForm,
            String failed,
            Map<String, String> errors) {
        var s = catalog.service(service);
        model.addAttribute("service", s);
        model.addAttribute("targets", targets.targets(s.name()));
        model.addAttribute("targetForm", targetForm);
        model.addAttribute("policyForm", policyForm == null ? PolicyForm.of(targets.policy(s.name())) : policyForm);
        model.addAttribute("kinds", TargetKind.values());
        model.addAttribute("days", List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"));
        model.addAttribute("failed", failed);
        model.addAttribute("errors", errors);
        return "chaos/service";
    }

    /** The field's rule in the reader's language (the facade's English text when the bundle has no entry). */
    private String message(InvalidInputException e, Locale locale) {
        return messages.getMessage("chaos.invalid." + e.field(), null, e.getMessage(), locale);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static List<String> list(String s) {
        return s == null || s.isBlank()
                ? List.of()
                : Arrays.stream(s.split("[,\\s]+")).filter(x -> !x.isBlank()).toList();
    }

    private static int number(String s, String field, int fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "chaos.error.number", "a whole number");
        }
    }
}
