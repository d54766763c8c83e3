package dev.kintsugi.oncall.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.oncall.Rotation;
import dev.kintsugi.oncall.Schedule;
import dev.kintsugi.oncall.ScheduleDraft;
import dev.kintsugi.oncall.Schedules;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.StaleVersionException;
import dev.kintsugi.platform.Times;
import dev.kintsugi.platform.UserManagement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
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
 * Creating and editing a schedule and its layers in the browser, with a live preview of the next two weeks (htmx),
 * deleting it, and adding or removing an override from its calendar. The facade checks who may (the team's
 * responders and admins); a refused field is shown next to it, a stale form says so and keeps the input.
 */
@Controller
@RequestMapping("/oncall")
class ScheduleEditPageController {
    private final Schedules schedules;
    private final CatalogManagement catalog;
    private final UserManagement users;
    private final MessageSource messages;
    private final Times times;
    private final Clock clock;

    ScheduleEditPageController(
            Schedules schedules,
            CatalogManagement catalog,
            UserManagement users,
            MessageSource messages,
            Times times,
            Clock clock) {
        this.schedules = schedules;
        this.catalog = catalog;
        this.users = users;
        this.messages = messages;
        this.times = times;
        this.clock = clock;
    }

    @GetMapping("/new/schedule")
    @PreAuthorize("hasRole('RESPONDER')")
    String newSchedule(@RequestParam(required = false) String team, Model model) {
        return form(model, ScheduleForm.blank(team, times.zone(), nextStart(times.zone())), null, Map.of());
    }

    @PostMapping("/new/schedule")
    @PreAuthorize("hasRole('RESPONDER')")
    String create(@ModelAttribute ScheduleForm form, Model model, Locale locale) {
        try {
            Schedule s = schedules.create(draft(form));
            return "redirect:/oncall/schedules/" + s.name() + "?saved";
        } catch (InvalidInputException e) {
            return form(model, form, null, Map.of(e.field(), message(e, locale)));
        } catch (ConflictException e) {
            return form(model, form, null, Map.of("name", messages.getMessage("oncall.form.nameTaken", null, locale)));
        }
    }

    @GetMapping("/schedules/{name}/edit")
    @PreAuthorize("hasRole('RESPONDER')")
    String edit(@PathVariable String name, Model model) {
        Schedule s = editable(name);
        return form(model, ScheduleForm.of(s, schedules.teamName(s), nextStart(s.zone())), s, Map.of());
    }

    @PostMapping("/schedules/{name}/edit")
    @PreAuthorize("hasRole('RESPONDER')")
    String update(@PathVariable String name, @ModelAttribute ScheduleForm form, Model model, Locale locale) {
        Schedule before = schedules.get(name);
        try {
            Schedule s = schedules.update(name, draft(form), form.version());
            return "redirect:/oncall/schedules/" + s.name() + "?saved";
        } catch (InvalidInputException e) {
            return form(model, form, before, Map.of(e.field(), message(e, locale)));
        } catch (StaleVersionException | ConflictException e) {
            String field = e instanceof ConflictException c
                            && "name".equals(c.properties().get("field"))
                    ? "name"
                    : "version";
            String code = "name".equals(field) ? "oncall.form.nameTaken" : "oncall.form.stale";
            return form(model, form, before, Map.of(field, messages.getMessage(code, null, locale)));
        }
    }

    @PostMapping("/schedules/{name}/delete")
    @PreAuthorize("hasRole('RESPONDER')")
    String delete(
            @PathVariable String name,
            @RequestParam(required = false) Long version,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            schedules.delete(name, version);
        } catch (StaleVersionException e) {
            redirect.addFlashAttribute("error", messages.getMessage("oncall.form.stale", null, locale));
            return "redirect:/oncall/schedules/" + name + "/edit";
        }
        redirect.addFlashAttribute("flash", "oncall.schedule.deleted");
        return "redirect:/oncall";
    }

    /** The preview of the form as it is: who would be on call now and the next two weeks, or why it cannot be. */
    @PostMapping("/schedules/preview")
    @PreAuthorize("hasRole('RESPONDER')")
    String preview(
            @ModelAttribute ScheduleForm form,
            @RequestParam(required = false) String existing,
            Model model,
            Locale locale) {
        Instant now = clock.instant();
        ZoneId zone = times.zone();
        try {
            List<Rotation> rotations = form.rotations();
            var p = schedules.preview(
                    rotations,
                    existing == null || existing.isBlank() ? null : existing,
                    now,
                    CalendarDays.from(now, zone),
                    CalendarDays.to(now, zone));
            model.addAttribute("onCall", p.onCallAt());
            model.addAttribute("days", CalendarDays.days(p.shifts(), now, zone));
            model.addAttribute("previewError", null);
        } catch (InvalidInputException e) {
            model.addAttribute("previewError", message(e, locale));
        }
        model.addAttribute("canEdit", false);
        return "oncall/fragments :: preview";
    }

    /** Someone covers the schedule over a period (an override added from the calendar). */
    @PostMapping("/schedules/{name}/overrides")
    @PreAuthorize("hasRole('RESPONDER')")
    String addOverride(
            @PathVariable String name,
            @RequestParam(required = false) String coveringUser,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            RedirectAttributes redirect,
            Locale locale) {
        try {
            Instant a = required(times.parseInput(from, "start"), "start");
            Instant b = required(times.parseInput(to, "end"), "end");
            schedules.cover(name, coveringUser, a, b);
            redirect.addFlashAttribute("flash", "oncall.override.added");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("overrideError", Map.of(e.field(), message(e, locale)));
            redirect.addFlashAttribute(
                    "overrideForm",
                    Map.of(
                            "coveringUser", coveringUser == null ? "" : coveringUser,
                            "from", from == null ? "" : from,
                            "to", to == null ? "" : to));
        }
        return "redirect:/oncall/schedules/" + name + "#add-override";
    }

    @PostMapping("/schedules/{name}/overrides/{id}/delete")
    @PreAuthorize("hasRole('RESPONDER')")
    String removeOverride(@PathVariable String name, @PathVariable long id, RedirectAttributes redirect) {
        schedules.removeOverride(name, id);
        redirect.addFlashAttribute("flash", "oncall.override.removed");
        return "redirect:/oncall/schedules/" + name + "#overrides";
    }

    private static Instant required(Instant t, String field) {
        if (t == null) {
            throw new InvalidInputException(field, "oncall.invalid.required", "is required");
        }
        return t;
    }

    private Schedule editable(String name) {
        Schedule s = schedules.get(name);
        if (!schedules.mayEdit(s)) {
            throw new AccessDeniedException("only the team's responders and admins change its on-call");
        }
        return s;
    }

    private ScheduleDraft draft(ScheduleForm f) {
        return new ScheduleDraft(
                f.name() == null ? null : f.name().trim(),
                f.displayName() == null ? null : f.displayName().trim(),
                f.team(),
                f.zone(),
                f.rotations());
    }

    private LocalDateTime nextStart(ZoneId zone) {
        return clock.instant().atZone(zone).toLocalDate().atTime(LocalTime.of(9, 0));
    }

    private String form(Model model, ScheduleForm form, Schedule editing, Map<String, String> errors) {
        EditForms.fill(model, form, editing, errors, users, catalog);
        model.addAttribute("units", Rotation.ShiftUnit.values());
        return "oncall/schedule-form";
    }

    private String message(InvalidInputException e, Locale locale) {
        return messages.getMessage(e.resolvable(), locale);
    }
}
