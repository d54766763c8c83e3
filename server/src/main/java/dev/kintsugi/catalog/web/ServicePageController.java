package dev.kintsugi.catalog.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Markdown;
import java.util.Arrays;
import java.util.Locale;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The service pages: list with filters, details, create/edit forms (responders), delete (admins). */
@Controller
@RequestMapping("/catalog/services")
class ServicePageController {
    private final CatalogManagement catalog;
    private final Markdown markdown;

    ServicePageController(CatalogManagement catalog, Markdown markdown) {
        this.catalog = catalog;
        this.markdown = markdown;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String tier,
            @RequestParam(required = false) String q,
            Model model) {
        Tier chosenTier = parseTier(tier);
        model.addAttribute("services", catalog.searchServices(team, chosenTier, q));
        var teams = catalog.teams();
        model.addAttribute("teams", teams);
        model.addAttribute(
                "teamNames",
                teams.stream()
                        .collect(java.util.stream.Collectors.toMap(
                                dev.kintsugi.catalog.Team::name,
                                t -> t.displayName() == null ? t.name() : t.displayName(),
                                (a, b) -> a)));
        model.addAttribute("tiers", Tier.values());
        model.addAttribute("team", team == null ? "" : team);
        model.addAttribute("tier", chosenTier == null ? "" : chosenTier.name());
        model.addAttribute("q", q == null ? "" : q);
        return "catalog/services";
    }

    @GetMapping("/{name}")
    String show(@PathVariable String name, Model model) {
        CatalogService service = catalog.service(name);
        model.addAttribute("service", service);
        // rendered here: Thymeleaf 3.1.4+ forbids bean references (@markdown) inside th:utext
        model.addAttribute("descriptionHtml", markdown.toHtml(service.description()));
        model.addAttribute("team", catalog.findTeam(service.ownerTeamId()).orElse(null));
        return "catalog/service";
    }

    @GetMapping("/new")
    @PreAuthorize("hasRole('RESPONDER')")
    String newForm(@RequestParam(required = false) String team, Model model) {
        ServiceForm form = new ServiceForm();
        form.setOwnerTeam(team);
        return form(model, form, null);
    }

    @PostMapping
    @PreAuthorize("hasRole('RESPONDER')")
    String create(
            @ModelAttribute("form") ServiceForm form, BindingResult errors, Model model, RedirectAttributes flash) {
        try {
            CatalogService created = catalog.createService(form.toDraft());
            flash.addFlashAttribute("notice", "catalog.service.saved");
            flash.addFlashAttribute("noticeArg", created.name());
            return "redirect:/catalog/services/" + created.name();
        } catch (InvalidInputException e) {
            errors.rejectValue(e.field(), e.code() == null ? "catalog.invalid" : e.code(), e.args(), e.getMessage());
        } catch (ConflictException e) {
            errors.rejectValue("name", "catalog.conflict", e.getMessage());
        }
        return form(model, form, null);
    }

    @GetMapping("/{name}/edit")
    @PreAuthorize("hasRole('RESPONDER')")
    String editForm(@PathVariable String name, Model model) {
        CatalogService service = catalog.service(name);
        return form(model, ServiceForm.of(service), service);
    }

    @PostMapping("/{name}")
    @PreAuthorize("hasRole('RESPONDER')")
    String update(
            @PathVariable String name,
            @ModelAttribute("form") ServiceForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes flash) {
        CatalogService current = catalog.service(name);
        try {
            CatalogService updated = catalog.updateService(name, form.toDraft());
            flash.addFlashAttribute("notice", "catalog.service.saved");
            flash.addFlashAttribute("noticeArg", updated.name());
            return "redirect:/catalog/services/" + updated.name();
        } catch (InvalidInputException e) {
            errors.rejectValue(e.field(), e.code() == null ? "catalog.invalid" : e.code(), e.args(), e.getMessage());
        } catch (ConflictException e) {
            errors.rejectValue("name", "catalog.conflict", e.getMessage());
        }
        return form(model, form, current);
    }

    @PostMapping("/{name}/delete")
    @PreAuthorize("hasRole('ADMIN')")
    String delete(@PathVariable String name, RedirectAttributes flash) {
        CatalogService service = catalog.service(name);
        catalog.deleteService(service.name(), null);
        flash.addFlashAttribute("notice", "catalog.service.deleted");
        flash.addFlashAttribute("noticeArg", service.name());
        return "redirect:/catalog/services";
    }

    /** The form page; {@code editing} is the service being changed, null for a new one. */
    private String form(Model model, ServiceForm form, CatalogService editing) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("teams", catalog.teams());
        model.addAttribute("tiers", Tier.values());
        return "catalog/service-form";
    }

    /** A filter value from the address bar: an unknown tier just means no tier filter. */
    private static Tier parseTier(String tier) {
        if (tier == null || tier.isBlank()) {
            return null;
        }
        String t = tier.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(Tier.values())
                .filter(v -> v.name().equals(t))
                .findFirst()
                .orElse(null);
    }
}
