package dev.kintsugi.platform.web;

import dev.kintsugi.platform.ApiToken;
import dev.kintsugi.platform.ApiTokens;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Times;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The viewer's own settings and personal API tokens. */
@Controller
class ProfilePageController {
    /** Every zone the JVM knows, sorted, for the time zone select. */
    static final List<String> ZONES =
            ZoneId.getAvailableZoneIds().stream().sorted().toList();

    private final UserManagement users;
    private final ApiTokens tokens;
    private final Times times;
    private final Clock clock;

    ProfilePageController(UserManagement users, ApiTokens tokens, Times times, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.times = times;
        this.clock = clock;
    }

    /** The settings form as typed. */
    record ProfileForm(String displayName, String email, String timeZone, String locale) {
        static ProfileForm of(UserAccount u) {
            return new ProfileForm(u.displayName(), u.email(), u.timeZone(), u.locale());
        }
    }

    record TokenForm(String name, String expiresAt) {}

    record TokenRow(ApiToken token, TokenStatus status) {}

    @GetMapping("/profile")
    String profile(Authentication auth, Model model) {
        UserAccount me = users.get(auth.getName());
        return show(model, me, ProfileForm.of(me), new TokenForm("", ""), Map.of());
    }

    @PostMapping("/profile")
    String update(
            Authentication auth,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String timeZone,
            @RequestParam(defaultValue = "") String locale,
            Model model,
            RedirectAttributes redirect) {
        var form = new ProfileForm(displayName, email, timeZone, locale);
        try {
            users.updateProfile(
                    auth.getName(),
                    new UserManagement.ProfileChange(
                            displayName,
                            email,
                            timeZone.isBlank() ? null : timeZone,
                            locale.isBlank() ? null : locale));
        } catch (InvalidInputException e) {
            return show(model, users.get(auth.getName()), form, new TokenForm("", ""), error(e));
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/profile";
    }

    @PostMapping("/profile/tokens")
    String createToken(
            Authentication auth,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String expiresAt,
            Model model,
            RedirectAttributes redirect) {
        UserAccount me = users.get(auth.getName());
        try {
            var created = tokens.create(me.username(), name, times.parseInput(expiresAt, "expiresAt"));
            // Shown once, on the next page; a flash attribute lives for exactly that one request.
            redirect.addFlashAttribute("createdToken", created.value());
            redirect.addFlashAttribute("createdTokenName", created.token().name());
        } catch (InvalidInputException e) {
            return show(model, me, ProfileForm.of(me), new TokenForm(name, expiresAt), error(e));
        }
        return "redirect:/profile#tokens";
    }

    @PostMapping("/profile/tokens/{id}/revoke")
    String revokeToken(Authentication auth, @PathVariable long id, RedirectAttributes redirect) {
        var token = tokens.revokeOwnedBy(auth.getName(), id);
        redirect.addFlashAttribute("revokedToken", token.name());
        return "redirect:/profile#tokens";
    }

    /** "Log out everywhere": ends every web session of the viewer, this one included. */
    @PostMapping("/profile/sessions/end")
    String endSessions(Authentication auth, HttpSession session) {
        users.endSessions(auth.getName());
        session.invalidate();
        return "redirect:/login?ended";
    }

    /** The browser's zone on first login (see kintsugi.js); never overrides a zone already chosen. */
    @PostMapping("/profile/timezone")
    ResponseEntity<Void> adoptTimeZone(Authentication auth, @RequestParam String timeZone) {
        try {
            users.adoptBrowserTimeZone(auth.getName(), timeZone);
        } catch (InvalidInputException e) {
            return ResponseEntity.badRequest().build();
        }
        return ResponseEntity.noContent().build();
    }

    private String show(
            Model model, UserAccount me, ProfileForm form, TokenForm tokenForm, Map<String, String> errors) {
        Instant now = clock.instant();
        model.addAttribute("account", me);
        model.addAttribute("form", form);
        model.addAttribute("tokenForm", tokenForm);
        model.addAttribute("errors", errors);
        model.addAttribute("zones", ZONES);
        model.addAttribute(
                "tokens",
                tokens.list(me.username()).stream()
                        .map(t -> new TokenRow(t, TokenStatus.of(t, now)))
                        .toList());
        return "platform/profile";
    }

    static Map<String, String> error(InvalidInputException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(e.field() == null ? "global" : e.field(), e.getMessage());
        return errors;
    }
}
