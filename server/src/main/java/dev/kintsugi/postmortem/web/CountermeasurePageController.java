package dev.kintsugi.postmortem.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.postmortem.CountermeasureDraft;
import dev.kintsugi.postmortem.CountermeasureFilter;
import dev.kintsugi.postmortem.CountermeasureKind;
import dev.kintsugi.postmortem.CountermeasurePriority;
import dev.kintsugi.postmortem.CountermeasureStatus;
import dev.kintsugi.postmortem.CountermeasureView;
import dev.kintsugi.postmortem.Countermeasures;
import dev.kintsugi.postmortem.PostmortemManagement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The organisation-wide countermeasure list, and the fragment a post-mortem's page loads with htmx (its
 * countermeasures, the add form, status changes).
 */
@Controller
class CountermeasurePageController {
    private final dev.kintsugi.platform.InputErrors inputErrors;
    private final Countermeasures countermeasures;
    private final dev.kintsugi.postmortem.People people;
    private final PostmortemManagement postmortems;
    private final CatalogManagement catalog;

    CountermeasurePageController(
            Countermeasures countermeasures,
            PostmortemManagement postmortems,
            CatalogManagement catalog,
            dev.kintsugi.platform.InputErrors inputErrors,
            dev.kintsugi.postmortem.People people) {
        this.people = people;
        this.inputErrors = inputErrors;
        this.countermeasures = countermeasures;
        this.postmortems = postmortems;
        this.catalog = catalog;
    }

    @GetMapping("/countermeasures")
    String list(
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String overdue,
            @RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        CountermeasureStatus st = lenient(CountermeasureStatus.class, status);
        CountermeasureKind k = lenient(CountermeasureKind.class, kind);
        Boolean od = "true".equals(overdue) ? Boolean.TRUE : null;
        PageResult<CountermeasureView> result =
                countermeasures.list(new CountermeasureFilter(team, st, od, k, null, null), Math.max(page, 0), 50);
        model.addAttribute("result", result);
        model.addAttribute("team", team == null ? "" : team);
        model.addAttribute("status", st == null ? "" : st.name());
        model.addAttribute("kind", k == null ? "" : k.name());
        model.addAttribute("overdue", od != null);
        model.addAttribute("teams", catalog.teams());
        model.addAttribute("statuses", CountermeasureStatus.values());
        model.addAttribute("kinds", CountermeasureKind.values());
        model.addAttribute("names", people.names());
        return "countermeasure/list";
    }

    @GetMapping("/postmortems/{id}/countermeasures")
    String fragment(@PathVariable long id, Model model) {
        return fragment(id, model, CountermeasureForm.EMPTY, Map.of());
    }

    /** The "add a countermeasure" form, as typed (shown again with the error when refused). */
    record CountermeasureForm(
            String title,
            String description,
            String kind,
            String ownerUser,
            String ownerTeam,
            String dueDate,
            String priority,
            String ticketKey,
            String ticketUrl,
            String experiment) {
        static final CountermeasureForm EMPTY =
                new CountermeasureForm(null, null, null, null, null, null, null, null, null, null);

        CountermeasureDraft draft() {
            return new CountermeasureDraft(
                    title,
                    description,
                    parse(CountermeasureKind.class, kind, "kind"),
                    ownerUser,
                    ownerTeam,
                    date(dueDate),
                    parse(CountermeasurePriority.class, priority, "priority"),
                    ticketKey,
                    ticketUrl,
                    experiment);
        }
    }

    record StatusForm(String status, String reason) {}

    @PostMapping("/postmortems/{id}/countermeasures")
    @PreAuthorize("hasRole('RESPONDER')")
    String add(@PathVariable long id, @ModelAttribute CountermeasureForm form, Model model) {
        try {
            countermeasures.create(id, form.draft());
            return fragment(id, model, CountermeasureForm.EMPTY, Map.of());
        } catch (InvalidInputException e) {
            return fragment(id, model, form, Map.of(e.field(), inputErrors.describe(e, "cm.")));
        }
    }

    @PostMapping("/postmortems/{id}/countermeasures/{cm}/status")
    @PreAuthorize("hasRole('RESPONDER')")
    String status(@PathVariable long id, @PathVariable long cm, @ModelAttribute StatusForm form, Model model) {
        CountermeasureView c = countermeasures.get(cm);
        if (c.postmortemId() != id) {
            throw new dev.kintsugi.platform.NotFoundException("Countermeasure", cm);
        }
        try {
            countermeasures.changeStatus(cm, parse(CountermeasureStatus.class, form.status(), "status"), form.reason());
            return fragment(id, model, CountermeasureForm.EMPTY, Map.of());
        } catch (InvalidInputException e) {
            return fragment(id, model, CountermeasureForm.EMPTY, Map.of("status-" + cm, inputErrors.message(e)));
        }
    }

    private String fragment(long id, Model model, CountermeasureForm form, Map<String, String> errors) {
        model.addAttribute("postmortem", postmortems.get(id));
        model.addAttribute("items", countermeasures.of(id));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("teams", catalog.teams());
        model.addAttribute("statuses", CountermeasureStatus.values());
        model.addAttribute("kinds", CountermeasureKind.values());
        model.addAttribute("priorities", CountermeasurePriority.values());
        // the owner picker: people by display name, stored by username as before
        var names = people.names();
        model.addAttribute("names", names);
        model.addAttribute("owners", new java.util.TreeMap<>(names.users()));
        return "countermeasure/fragment :: countermeasures";
    }

    private static LocalDate date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    "dueDate", "validation.date", "'" + value + "' is not a date (yyyy-MM-dd)", value);
        }
    }

    private static <E extends Enum<E>> E lenient(Class<E> type, String value) {
        try {
            return parse(type, value, "filter");
        } catch (InvalidInputException e) {
            return null;
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    field, "validation.notAValue", "'" + value + "' is not a valid value", value);
        }
    }
}
