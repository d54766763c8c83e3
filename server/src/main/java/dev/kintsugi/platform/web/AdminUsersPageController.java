package dev.kintsugi.platform.web;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin: the list of users, adding one, changing roles, enabling and disabling. */
@Controller
@RequestMapping("/admin/users")
@PreAuthorize("hasRole('ADMIN')")
class AdminUsersPageController {
    private final UserManagement users;

    AdminUsersPageController(UserManagement users) {
        this.users = users;
    }

    record NewUserForm(String username, String displayName, String email, String role, boolean mustChange) {
        static NewUserForm empty() {
            return new NewUserForm("", "", "", Role.VIEWER.name(), true);
        }
    }

    @GetMapping
    String list(Model model) {
        return show(model, NewUserForm.empty(), Map.of(), null);
    }

    @PostMapping
    String create(
            @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "false") boolean mustChange,
            Model model,
            RedirectAttributes redirect) {
        var form = new NewUserForm(username, displayName, email, role, mustChange);
        try {
            var created = users.create(
                    new UserManagement.NewUser(username, displayName, email, role(role), password), mustChange);
            redirect.addFlashAttribute("created", created.username());
        } catch (InvalidInputException e) {
            return show(model, form, ProfilePageController.error(e), null);
        } catch (ConflictException e) {
            return show(model, form, Map.of("username", e.getMessage()), null);
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/{username}/role")
    String changeRole(
            @PathVariable String username,
            @RequestParam(defaultValue = "") String role,
            Model model,
            RedirectAttributes redirect) {
        try {
            users.changeRole(username, role(role));
        } catch (InvalidInputException | ConflictException e) {
            return show(model, NewUserForm.empty(), Map.of(), username + ": " + e.getMessage());
        }
        redirect.addFlashAttribute("updated", username);
        return "redirect:/admin/users";
    }

    @PostMapping("/{username}/enabled")
    String setEnabled(
            @PathVariable String username, @RequestParam boolean enabled, Model model, RedirectAttributes redirect) {
        try {
            users.setEnabled(username, enabled);
        } catch (ConflictException e) {
            return show(model, NewUserForm.empty(), Map.of(), username + ": " + e.getMessage());
        }
        redirect.addFlashAttribute("updated", username);
        return "redirect:/admin/users";
    }

    private String show(Model model, NewUserForm form, Map<String, String> errors, String actionError) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Role.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("actionError", actionError);
        model.addAttribute("adminTab", "users");
        return "platform/admin-users";
    }

    private static Role role(String value) {
        try {
            return value == null || value.isBlank()
                    ? null
                    : Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "role",
                    "validation.oneOf",
                    "must be one of VIEWER, RESPONDER, CHAOS_ENGINEER, ADMIN",
                    "VIEWER, RESPONDER, CHAOS_ENGINEER, ADMIN");
        }
    }
}
