package dev.kintsugi.platform.web;

import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.security.AccountSessions;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Choosing a new password; also where a one-time password sends its holder (PasswordChangeRequiredFilter). */
@Controller
class PasswordPageController {
    private final UserManagement users;
    private final MessageSource messages;

    PasswordPageController(UserManagement users, MessageSource messages) {
        this.users = users;
        this.messages = messages;
    }

    @GetMapping("/profile/password")
    String form(Authentication auth, Model model) {
        return show(auth, model, Map.of());
    }

    @PostMapping("/profile/password")
    String change(
            Authentication auth,
            @RequestParam(defaultValue = "") String currentPassword,
            @RequestParam(defaultValue = "") String newPassword,
            @RequestParam(defaultValue = "") String confirmPassword,
            Model model,
            HttpSession session,
            RedirectAttributes redirect) {
        if (!newPassword.equals(confirmPassword)) {
            return show(
                    auth,
                    model,
                    Map.of(
                            "confirmPassword",
                            messages.getMessage("password.mismatch", null, LocaleContextHolder.getLocale())));
        }
        try {
            users.changePassword(auth.getName(), currentPassword, newPassword);
        } catch (InvalidInputException e) {
            // The facade calls the new password "password"; the form calls it "newPassword".
            String field = "password".equals(e.field()) ? "newPassword" : e.field();
            return show(auth, model, Map.of(field, e.getMessage()));
        }
        // The change ended every session of this account; this one, where it was made, goes on.
        AccountSessions.stamp(session, users.get(auth.getName()));
        redirect.addFlashAttribute("passwordChanged", true);
        return "redirect:/";
    }

    private String show(Authentication auth, Model model, Map<String, String> errors) {
        model.addAttribute("account", users.get(auth.getName()));
        model.addAttribute("errors", errors);
        model.addAttribute("minLength", UserManagement.MIN_PASSWORD_LENGTH);
        return "platform/password";
    }
}
