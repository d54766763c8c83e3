package dev.kintsugi.gameday.web;

import dev.kintsugi.gameday.GameDayInvitations;
import dev.kintsugi.gameday.GameDayRole;
import dev.kintsugi.gameday.GameDays;
import dev.kintsugi.gameday.Readiness;
import dev.kintsugi.platform.Enums;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The game day page's preparation forms: teams, roles, the readiness checklist and the invitations. */
@Controller
class GameDayPrepPageController {
    private final GameDays days;
    private final GameDayInvitations invitations;
    private final GameDayFormActions forms;

    GameDayPrepPageController(GameDays days, GameDayInvitations invitations, GameDayFormActions forms) {
        this.days = days;
        this.invitations = invitations;
        this.forms = forms;
    }

    @GetMapping("/gamedays/{id}/invitation.ics")
    ResponseEntity<String> invitation(@PathVariable long id) {
        return GameDayInvitationApiController.calendar(invitations, id, null);
    }

    @PostMapping("/gamedays/{id}/invitations")
    String sendInvitations(@PathVariable long id, RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            GameDayInvitations.Sent sent = invitations.send(id, ApiRequests.pageUrl(id));
            flash.addFlashAttribute(
                    "notice",
                    forms.message(
                            "gameday.invitations.sent",
                            sent.sent().size(),
                            sent.notSent().isEmpty() ? "–" : String.join(", ", sent.notSent())));
            return "/gamedays/" + id;
        });
    }

    @PostMapping("/gamedays/{id}/teams")
    String addTeam(@PathVariable long id, @RequestParam(required = false) String name, RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            days.addTeam(id, name);
            return "/gamedays/" + id;
        });
    }

    @PostMapping("/gamedays/{id}/participants")
    String assign(
            @PathVariable long id,
            @RequestParam(required = false) String username,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) Long teamId,
            RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            days.assign(
                    id,
                    username,
                    role == null || role.isBlank() ? null : Enums.parse(GameDayRole.class, role, "role"),
                    teamId);
            return "/gamedays/" + id;
        });
    }

    @PostMapping("/gamedays/{id}/checks/{item}")
    String tick(@PathVariable long id, @PathVariable String item, RedirectAttributes flash) {
        return forms.act(flash, "/gamedays/" + id, () -> {
            days.tick(id, Enums.parse(Readiness.class, item, "item"));
            return "/gamedays/" + id;
        });
    }
}
