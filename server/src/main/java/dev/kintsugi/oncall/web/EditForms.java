package dev.kintsugi.oncall.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;

/** What the schedule and policy forms both show: the form and its errors, people, teams, zones, weekdays. */
final class EditForms {
    private EditForms() {}

    static void fill(
            Model model,
            Object form,
            Object editing,
            Map<String, String> errors,
            UserManagement users,
            CatalogManagement catalog) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("errors", errors);
        model.addAttribute("users", users.list());
        // the teams the viewer may give on-call to (the facades check again)
        model.addAttribute("teams", Actor.hasRole(Role.ADMIN) ? catalog.teams() : catalog.teamsOf(Actor.current()));
        model.addAttribute("zones", ScheduleForm.ZONES);
        Map<String, String> days = new LinkedHashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            days.put(d.name(), d.getDisplayName(TextStyle.SHORT, LocaleContextHolder.getLocale()));
        }
        model.addAttribute("weekdays", days);
    }
}
