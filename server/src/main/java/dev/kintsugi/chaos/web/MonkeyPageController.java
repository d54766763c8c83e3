package dev.kintsugi.chaos.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.chaos.ChaosMonkey;
import dev.kintsugi.chaos.MonkeySettings;
import dev.kintsugi.chaos.MonkeyTermination;
import dev.kintsugi.chaos.monkey.MonkeyGroups;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.StaleVersionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Chaos Monkey's page ({@code /chaos/monkey?service=...}): a service's configuration (with Netflix's fields
 * shown as Netflix means them), the form to change it and to import Netflix's JSON (pasted or uploaded), today's
 * plan (for those who may see it) and the history.
 */
@Controller
class MonkeyPageController {
    private final ChaosMonkey monkey;
    private final CatalogManagement catalog;
    private final MessageSource messages;

    MonkeyPageController(ChaosMonkey monkey, CatalogManagement catalog, MessageSource messages) {
        this.monkey = monkey;
        this.catalog = catalog;
        this.messages = messages;
    }

    /** The form's fields (an unchecked box is absent: false); lists comma-separated, freezes one per line ({@code 2026-12-20..2027-01-02 reason}). */
    record MonkeyForm(
            Boolean enabled,
            Boolean leashed,
            Integer mean,
            Integer min,
            String grouping,
            Boolean regionsAreIndependent,
            String environments,
            String clusters,
            String regions,
            String exceptTargets,
            String termination,
            String target,
            Integer durationMinutes,
            String zone,
            List<String> workDays,
            String dayStart,
            String dayEnd,
            String holidays,
            String freezes,
            Boolean planVisibleToTeam,
            Integer unhealthyAfterMinutes,
            Long version) {}

    @GetMapping("/chaos/monkey")
    String page(@RequestParam(required = false) String service, Model model) {
        List<CatalogService> services = catalog.services();
        model.addAttribute("services", services);
        model.addAttribute("canChaos", Actor.hasRole(Role.CHAOS_ENGINEER));
        model.addAttribute("groupings", MonkeyGroups.Grouping.values());
        model.addAttribute("terminations", MonkeyTermination.values());
        model.addAttribute("days", DayOfWeek.values());
        if (service == null || service.isBlank()) {
            model.addAttribute("service", null);
            return "chaos/monkey";
        }
        CatalogService s = catalog.service(service);
        MonkeySettings settings = monkey.settings(s.name());
        model.addAttribute("service", s);
        model.addAttribute("m", settings);
        boolean maySee = monkey.maySeePlan(s.name());
        model.addAttribute("maySeePlan", maySee);
        model.addAttribute("plan", maySee ? monkey.today(s.name()) : List.of());
        model.addAttribute("history", monkey.history(s.name(), 50));
        model.addAttribute(
                "freezesText",
                String.join(
                        "\n",
                        settings.freezes().stream()
                                .map(f -> f.from() + ".." + f.to() + (f.reason() == null ? "" : " " + f.reason()))
                                .toList()));
        return "chaos/monkey";
    }

    @PostMapping("/chaos/monkey/configure")
    String configure(
            @RequestParam String service, @ModelAttribute MonkeyForm form, RedirectAttributes redirect, Locale locale) {
        CatalogService s = catalog.service(service);
        try {
            MonkeySettings before = monkey.settings(s.name());
            monkey.configure(s.name(), settings(before, form), form.version());
            redirect.addAttribute("saved", "");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.field() + ": " + message(e, locale));
        } catch (StaleVersionException | ConflictException e) {
            redirect.addFlashAttribute("error", messages.getMessage("chaos.monkey.error.changed", null, locale));
        }
        redirect.addAttribute("service", s.name());
        return "redirect:/chaos/monkey";
    }

    @PostMapping("/chaos/monkey/import")
    String importNetflix(
            @RequestParam String service,
            @RequestParam(required = false) String json,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) Long version,
            RedirectAttributes redirect,
            Locale locale)
            throws IOException {
        CatalogService s = catalog.service(service);
        String text = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : json;
        try {
            monkey.importNetflix(s.name(), text, version);
            redirect.addAttribute("imported", "");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.field() + ": " + message(e, locale));
        } catch (StaleVersionException | ConflictException e) {
            redirect.addFlashAttribute("error", messages.getMessage("chaos.monkey.error.changed", null, locale));
        }
        redirect.addAttribute("service", s.name());
        return "redirect:/chaos/monkey";
    }

    private String message(InvalidInputException e, Locale locale) {
        return e.code() == null ? e.getMessage() : messages.getMessage(e.code(), e.args(), e.getMessage(), locale);
    }

    private static MonkeySettings settings(MonkeySettings b, MonkeyForm f) {
        return new MonkeySettings(
                b.serviceId(),
                Boolean.TRUE.equals(f.enabled()),
                Boolean.TRUE.equals(f.leashed()),
                f.mean() == null ? b.meanTimeBetweenKillsInWorkDays() : f.mean(),
                f.min() == null ? b.minTimeBetweenKillsInWorkDays() : f.min(),
                f.grouping() == null ? b.grouping() : parse(MonkeyGroups.Grouping.class, f.grouping(), "grouping"),
                Boolean.TRUE.equals(f.regionsAreIndependent()),
                list(f.environments()),
                b.clusterLabel(),
                list(f.clusters()),
                list(f.regions()),
                b.exceptions(),
                b.whitelist(),
                list(f.exceptTargets()),
                f.termination() == null
                        ? b.termination()
                        : parse(MonkeyTermination.class, f.termination(), "termination"),
                f.target() == null || f.target().isBlank() ? null : f.target().strip(),
                f.durationMinutes() == null ? b.durationMinutes() : f.durationMinutes(),
                f.zone() == null || f.zone().isBlank() ? b.zone() : f.zone().strip(),
                f.workDays() == null
                        ? List.of()
                        : f.workDays().stream()
                                .map(d -> parse(DayOfWeek.class, d, "workDays"))
                                .toList(),
                time(f.dayStart(), "dayStart", b.dayStart()),
                time(f.dayEnd(), "dayEnd", b.dayEnd()),
                list(f.holidays()).stream().map(d -> date(d, "holidays")).toList(),
                freezes(f.freezes()),
                b.blockingSeverities(),
                Boolean.TRUE.equals(f.planVisibleToTeam()),
                f.unhealthyAfterMinutes() == null ? b.unhealthyAfterMinutes() : f.unhealthyAfterMinutes(),
                b.seed(),
                0);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed =
                    Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw new InvalidInputException(field, "validation.oneOf", "must be one of " + allowed, allowed);
        }
    }

    private static LocalTime time(String s, String field, LocalTime otherwise) {
        if (s == null || s.isBlank()) {
            return otherwise;
        }
        try {
            return LocalTime.parse(s.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, "chaos.monkey.error.hours", "HH:mm");
        }
    }

    private static LocalDate date(String s, String field) {
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, "chaos.monkey.error.date", "a date such as 2026-12-25", s);
        }
    }

    private static List<MonkeySettings.Freeze> freezes(String text) {
        List<MonkeySettings.Freeze> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            String[] parts = l.split("\\s+", 2);
            String[] range = parts[0].split("\\.\\.", 2);
            LocalDate from = date(range[0], "freezes");
            LocalDate to = range.length > 1 ? date(range[1], "freezes") : from;
            out.add(new MonkeySettings.Freeze(from, to, parts.length > 1 ? parts[1] : null));
        }
        return out;
    }

    private static List<String> list(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.split(","))
                .map(String::strip)
                .filter(x -> !x.isEmpty())
                .toList();
    }
}
