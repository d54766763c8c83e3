package dev.kintsugi.incident.web;

import dev.kintsugi.incident.ClosureReason;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentRole;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.NewNote;
import dev.kintsugi.incident.TimelineEntryKind;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.incident.UpdateIncident;
import dev.kintsugi.incident.Visibility;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.Enums;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Times;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The incident page's actions (post/redirect/get; a refusal comes back as a flash message in the viewer's language). */
@Controller
class IncidentActionsPageController {
    private static final String ACT = "hasRole('RESPONDER')";

    private final IncidentManagement incidents;
    private final Times times;
    private final dev.kintsugi.platform.InputErrors inputErrors;

    IncidentActionsPageController(
            IncidentManagement incidents, Times times, dev.kintsugi.platform.InputErrors inputErrors) {
        this.incidents = incidents;
        this.times = times;
        this.inputErrors = inputErrors;
    }

    @PostMapping("/incidents/{key}/transition")
    @PreAuthorize(ACT)
    String transition(
            @PathVariable String key,
            @RequestParam String to,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String closureReason,
            @RequestParam(required = false) String duplicateOf,
            RedirectAttributes flash) {
        return act(key, flash, () -> {
            IncidentStatus target = Enums.parse(IncidentStatus.class, to, "to");
            ClosureReason cr = closureReason == null || closureReason.isBlank()
                    ? null
                    : Enums.parse(ClosureReason.class, closureReason, "closureReason");
            Long dup = duplicateOf == null || duplicateOf.isBlank() ? null : duplicateId(duplicateOf);
            return incidents.transition(key, new Transition(target, reason, cr, dup));
        });
    }

    private long duplicateId(String key) {
        try {
            return incidents.idOf(key);
        } catch (RuntimeException e) {
            throw new InvalidInputException(
                    "duplicateOf", "incident.validation.noIncident", "no incident '" + key + "'", key);
        }
    }

    @PostMapping("/incidents/{key}/acknowledge")
    @PreAuthorize(ACT)
    String acknowledge(@PathVariable String key, RedirectAttributes flash) {
        return act(key, flash, () -> incidents.acknowledge(key));
    }

    @PostMapping("/incidents/{key}/roles")
    @PreAuthorize(ACT)
    String assign(
            @PathVariable String key,
            @RequestParam String role,
            @RequestParam(required = false) String username,
            RedirectAttributes flash) {
        return act(key, flash, () -> incidents.assign(key, Enums.parse(IncidentRole.class, role, "role"), username));
    }

    @PostMapping("/incidents/{key}/severity")
    @PreAuthorize(ACT)
    String severity(@PathVariable String key, @RequestParam String severity, RedirectAttributes flash) {
        return act(
                key,
                flash,
                () -> incidents.update(
                        key, new UpdateIncident(null, null, DeclarePageController.severity(severity), null, null)));
    }

    @PostMapping("/incidents/{key}/edit")
    @PreAuthorize(ACT)
    String edit(
            @PathVariable String key,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) List<String> services,
            @RequestParam(defaultValue = "false") boolean privateIncident,
            RedirectAttributes flash) {
        return act(
                key,
                flash,
                () -> incidents.update(
                        key,
                        new UpdateIncident(
                                title,
                                description == null ? "" : description,
                                null,
                                services == null ? List.of() : services,
                                privateIncident)));
    }

    @PostMapping("/incidents/{key}/participants")
    @PreAuthorize(ACT)
    String addParticipant(
            @PathVariable String key, @RequestParam(required = false) String username, RedirectAttributes flash) {
        return act(key, flash, () -> incidents.join(key, username == null ? "" : username));
    }

    @PostMapping("/incidents/{key}/milestones")
    @PreAuthorize(ACT)
    String milestone(
            @PathVariable String key,
            @RequestParam String milestone,
            @RequestParam(required = false) String at,
            RedirectAttributes flash) {
        return act(
                key,
                flash,
                () -> incidents.editMilestone(
                        key, Enums.parse(Milestone.class, milestone, "milestone"), times.parseInput(at, "at")));
    }

    @PostMapping("/incidents/{key}/notes")
    @PreAuthorize(ACT)
    String note(
            @PathVariable String key,
            @RequestParam(required = false) String body,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String perspective,
            @RequestParam(required = false) String visibility,
            @RequestParam(required = false) String occurredAt,
            @org.springframework.web.bind.annotation.RequestHeader(name = "HX-Request", required = false) String htmx,
            Model model,
            RedirectAttributes flash,
            HttpServletResponse response) {
        try {
            incidents.addNote(
                    key,
                    new NewNote(
                            kind == null || kind.isBlank()
                                    ? TimelineEntryKind.NOTE
                                    : Enums.parse(TimelineEntryKind.class, kind, "kind"),
                            body,
                            times.parseInput(occurredAt, "occurredAt"),
                            perspective,
                            visibility == null || visibility.isBlank()
                                    ? Visibility.INTERNAL
                                    : Enums.parse(Visibility.class, visibility, "visibility")));
            if (htmx != null) {
                response.setHeader("HX-Trigger", "timeline-changed");
                model.addAttribute("incident", incidents.get(key));
                return "incident/page :: note-form";
            }
        } catch (InvalidInputException e) {
            if (htmx != null) {
                response.setStatus(200);
                model.addAttribute("incident", incidents.get(key));
                model.addAttribute("noteError", inputErrors.describe(e, "incident.field."));
                model.addAttribute("noteBody", body);
                return "incident/page :: note-form";
            }
            flash.addFlashAttribute("error", inputErrors.describe(e, "incident.field."));
        }
        return "redirect:/incidents/" + key;
    }

    @PostMapping("/incidents/{key}/entries/{entryId}/pin")
    @PreAuthorize(ACT)
    String pin(
            @PathVariable String key,
            @PathVariable long entryId,
            @RequestParam boolean pinned,
            RedirectAttributes flash) {
        return act(key, flash, () -> {
            incidents.pin(key, entryId, pinned);
            return null;
        });
    }

    private String act(String key, RedirectAttributes flash, Supplier<Object> action) {
        try {
            action.get();
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", inputErrors.describe(e, "incident.field."));
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/incidents/" + key;
    }
}
