package dev.kintsugi.oncall.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.oncall.EscalationLevel;
import dev.kintsugi.oncall.EscalationPolicies;
import dev.kintsugi.oncall.EscalationPolicy;
import dev.kintsugi.oncall.Schedules;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.StaleVersionException;
import dev.kintsugi.platform.Times;
import dev.kintsugi.platform.UserManagement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creating, editing and deleting an escalation policy in the browser: levels (user, schedule or team) with their
 * timeouts, repeats, team default and calendar routing. The facade checks who may; a refused field is shown next
 * to it, a stale form says so and keeps the input.
 */
@Controller
@RequestMapping("/oncall")
class PolicyEditPageController {
    private static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV3", "SEV4", "SEV5");
    private final EscalationPolicies policies;
    private final Schedules schedules;
    private final CatalogManagement catalog;
    private final UserManagement users;
    private final MessageSource messages;
    private final Times times;

    PolicyEditPageController(
            EscalationPolicies policies,
            Schedules schedules,
            CatalogManagement catalog,
            UserManagement users,
            MessageSource messages,
            Times times) {
        this.policies = policies;
        this.schedules = schedules;
        this.catalog = catalog;
        this.users = users;
        this.messages = messages;
        this.times = times;
    }

    @GetMapping("/new/policy")
    @PreAuthorize("hasRole('RESPONDER')")
    String newPolicy(@RequestParam(required = false) String team, Model model) {
        return form(model, PolicyForm.blank(team, times.zoneName()), null, Map.of());
    }

    @PostMapping("/new/policy")
    @PreAuthorize("hasRole('RESPONDER')")
    String create(@ModelAttribute PolicyForm form, Model model, Locale locale) {
        try {
            EscalationPolicy p = policies.create(form.request(policies).toDraft(policies));
            return "redirect:/oncall/policies/" + p.name() + "/edit?saved";
        } catch (InvalidInputException e) {
            return form(model, form, null, Map.of(field(e), message(e, locale)));
        } catch (ConflictException e) {
            return form(model, form, null, Map.of("name", messages.getMessage("oncall.form.nameTaken", null, locale)));
        }
    }

    @GetMapping("/policies/{name}/edit")
    @PreAuthorize("hasRole('RESPONDER')")
    String edit(@PathVariable String name, Model model) {
        EscalationPolicy p = editable(name);
        return form(model, describe(p), p, Map.of());
    }

    @PostMapping("/policies/{name}/edit")
    @PreAuthorize("hasRole('RESPONDER')")
    String update(@PathVariable String name, @ModelAttribute PolicyForm form, Model model, Locale locale) {
        EscalationPolicy before = policies.get(name);
        try {
            EscalationPolicy p = policies.update(name, form.request(policies).toDraft(policies), form.version());
            return "redirect:/oncall/policies/" + p.name() + "/edit?saved";
        } catch (InvalidInputException e) {
            return form(model, form, before, Map.of(field(e), message(e, locale)));
        } catch (StaleVersionException | ConflictException e) {
            boolean name_ = e instanceof ConflictException c
                    && "name".equals(c.properties().get("field"));
            return form(
                    model,
                    form,
                    before,
                    Map.of(
                            name_ ? "name" : "version",
                            messages.getMessage(name_ ? "oncall.form.nameTaken" : "oncall.form.stale", null, locale)));
        }
    }

    @PostMapping("/policies/{name}/delete")
    @PreAuthorize("hasRole('RESPONDER')")
    String delete(
            @PathVariable String name,
            @RequestParam(required = false) Long version,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            policies.delete(name, version);
        } catch (StaleVersionException | ConflictException e) {
            redirect.addFlashAttribute(
                    "error",
                    e instanceof ConflictException c
                            ? messages.getMessage(c.resolvable(), locale)
                            : messages.getMessage("oncall.form.stale", null, locale));
            return "redirect:/oncall/policies/" + name + "/edit";
        }
        redirect.addFlashAttribute("flash", "oncall.policy.deleted");
        return "redirect:/oncall";
    }

    private EscalationPolicy editable(String name) {
        EscalationPolicy p = policies.get(name);
        if (!policies.mayEdit(p)) {
            throw new AccessDeniedException("only the team's responders and admins change its on-call");
        }
        return p;
    }

    private PolicyForm describe(EscalationPolicy p) {
        return PolicyForm.of(
                p,
                policies.teamName(p),
                policies::scheduleName,
                id -> catalog.findTeam(id).map(Team::name).orElse("#" + id));
    }

    /** The request's calendar fields are flat on the page. */
    private static String field(InvalidInputException e) {
        String f = e.field() == null ? "form" : e.field();
        return switch (f) {
            case "calendar.timeZone" -> "calendarZone";
            case "calendar" -> "useCalendar";
            case "levels", "levels.target", "levels.timeoutMinutes" -> "levels[0].target";
            default -> f.startsWith("calendar.") ? f.substring("calendar.".length()) : f;
        };
    }

    private String form(Model model, PolicyForm form, EscalationPolicy editing, Map<String, String> errors) {
        EditForms.fill(model, form, editing, errors, users, catalog);
        model.addAttribute("schedules", schedules.list());
        model.addAttribute("allTeams", catalog.teams());
        model.addAttribute("types", EscalationLevel.TargetType.values());
        model.addAttribute("severities", SEVERITIES);
        return "oncall/policy-form";
    }

    private String message(InvalidInputException e, Locale locale) {
        return messages.getMessage(e.resolvable(), locale);
    }
}
