package dev.kintsugi.catalog.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Markdown;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The team pages: list, details with members and services, create/edit forms (responders), delete (admins). */
@Controller
@RequestMapping("/catalog/teams")
class TeamPageController {
    private final CatalogManagement catalog;
    private final UserManagement users;
    private final Markdown markdown;

    TeamPageController(CatalogManagement catalog, UserManagement users, Markdown markdown) {
        this.catalog = catalog;
        this.users = users;
        this.markdown = markdown;
    }

    /** A member as the page shows them: display name, with the username for those who type it. */
    record Member(String username, String displayName) {}

    @GetMapping
    String list(Model model) {
        Map<Long, List<CatalogService>> owned =
                catalog.services().stream().collect(Collectors.groupingBy(CatalogService::ownerTeamId));
        model.addAttribute("teams", catalog.teams());
        model.addAttribute("owned", owned);
        return "catalog/teams";
    }

    @GetMapping("/{name}")
    String show(@PathVariable String name, Model model) {
        Team team = catalog.team(name);
        model.addAttribute("team", team);
        // rendered here: Thymeleaf 3.1.4+ forbids bean references (@markdown) inside th:utext
        model.addAttribute("descriptionHtml", markdown.toHtml(team.description()));
        model.addAttribute(
                "members",
                team.members().stream()
                        .map(u -> new Member(
                                u, users.find(u).map(UserAccount::displayName).orElse(u)))
                        .toList());
        model.addAttribute("services", catalog.servicesOwnedBy(team.id()));
        return "catalog/team";
    }

    @GetMapping("/new")
    @PreAuthorize("hasRole('RESPONDER')")
    String newForm(Model model) {
        return form(model, new TeamForm(), null);
    }

    @PostMapping
    @PreAuthorize("hasRole('RESPONDER')")
    String create(@ModelAttribute("form") TeamForm form, BindingResult errors, Model model, RedirectAttributes flash) {
        try {
            Team created = catalog.createTeam(form.toDraft());
            flash.addFlashAttribute("notice", "catalog.team.saved");
            flash.addFlashAttribute("noticeArg", created.name());
            return "redirect:/catalog/teams/" + created.name();
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
        Team team = catalog.team(name);
        return form(model, TeamForm.of(team), team);
    }

    @PostMapping("/{name}")
    @PreAuthorize("hasRole('RESPONDER')")
    String update(
            @PathVariable String name,
            @ModelAttribute("form") TeamForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes flash) {
        Team current = catalog.team(name);
        try {
            Team updated = catalog.updateTeam(name, form.toDraft());
            flash.addFlashAttribute("notice", "catalog.team.saved");
            flash.addFlashAttribute("noticeArg", updated.name());
            return "redirect:/catalog/teams/" + updated.name();
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
        Team team = catalog.team(name);
        try {
            catalog.deleteTeam(team.name(), null);
        } catch (ConflictException e) {
            // still owns services: say which, on the team's page
            flash.addFlashAttribute("problem", "catalog.team.delete.refused");
            flash.addFlashAttribute("problemArg0", team.name());
            flash.addFlashAttribute(
                    "problemArg1",
                    catalog.servicesOwnedBy(team.id()).stream()
                            .map(CatalogService::name)
                            .collect(Collectors.joining(", ")));
            return "redirect:/catalog/teams/" + team.name();
        }
        flash.addFlashAttribute("notice", "catalog.team.deleted");
        flash.addFlashAttribute("noticeArg", team.name());
        return "redirect:/catalog/teams";
    }

    private String form(Model model, TeamForm form, Team editing) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("users", users.list());
        return "catalog/team-form";
    }
}
