package dev.kintsugi.alerting.web;

import dev.kintsugi.alerting.Silences;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The silences page: silences by label matchers and maintenance windows per service, made for a chosen duration
 * and ended early.
 */
@Controller
@RequestMapping("/alerts")
class SilencePageController {
    private static final Map<String, Duration> DURATIONS = new java.util.LinkedHashMap<>();

    static {
        DURATIONS.put("1h", Duration.ofHours(1));
        DURATIONS.put("2h", Duration.ofHours(2));
        DURATIONS.put("4h", Duration.ofHours(4));
        DURATIONS.put("8h", Duration.ofHours(8));
        DURATIONS.put("24h", Duration.ofHours(24));
        DURATIONS.put("7d", Duration.ofDays(7));
    }

    private final Silences silences;
    private final CatalogManagement catalog;
    private final Clock clock;
    private final MessageSource messages;

    SilencePageController(Silences silences, CatalogManagement catalog, Clock clock, MessageSource messages) {
        this.messages = messages;
        this.silences = silences;
        this.catalog = catalog;
        this.clock = clock;
    }

    // ---- silences, maintenance ----

    @GetMapping("/silences")
    String silencesPage(Model model) {
        model.addAttribute("silences", silences.recent());
        model.addAttribute("maintenance", silences.maintenanceNotEnded());
        model.addAttribute("services", catalog.services());
        model.addAttribute("serviceNames", PageLookups.serviceNames(catalog));
        model.addAttribute("durations", DURATIONS.keySet());
        model.addAttribute("now", clock.instant());
        return "alerting/silences";
    }

    @PostMapping("/silences")
    @PreAuthorize("hasRole('RESPONDER')")
    String silence(
            @RequestParam String matchers,
            @RequestParam String duration,
            @RequestParam String comment,
            Locale locale,
            RedirectAttributes flash) {
        try {
            silences.create(
                    matchers,
                    null,
                    clock.instant().plus(DURATIONS.getOrDefault(duration, Duration.ofHours(1))),
                    comment);
            flash.addFlashAttribute("notice", "alerting.silence.saved");
        } catch (InvalidInputException e) {
            refused(e, locale, flash);
        }
        return "redirect:/alerts/silences";
    }

    /** A refusal in the reader's language: its field's name and the message of its code (never the English text). */
    private void refused(InvalidInputException e, Locale locale, RedirectAttributes flash) {
        flash.addFlashAttribute("problem", "alerting.silence.refusedField");
        flash.addFlashAttribute(
                "problemArg0", messages.getMessage("alerting.field." + e.field(), null, e.field(), locale));
        flash.addFlashAttribute("problemArg1", messages.getMessage(e.resolvable(), locale));
        flash.addFlashAttribute("problemField", e.field());
    }

    @PostMapping("/silences/{id}/expire")
    @PreAuthorize("hasRole('RESPONDER')")
    String expire(@PathVariable long id) {
        try {
            silences.expire(id, null);
        } catch (ConflictException e) {
            // ended already: nothing to do
        }
        return "redirect:/alerts/silences";
    }

    @PostMapping("/maintenance")
    @PreAuthorize("hasRole('RESPONDER')")
    String maintenance(
            @RequestParam String service,
            @RequestParam String duration,
            @RequestParam String reason,
            Locale locale,
            RedirectAttributes flash) {
        try {
            silences.maintenance(
                    service, null, clock.instant().plus(DURATIONS.getOrDefault(duration, Duration.ofHours(1))), reason);
            flash.addFlashAttribute("notice", "alerting.maintenance.saved");
        } catch (InvalidInputException e) {
            refused(e, locale, flash);
        }
        return "redirect:/alerts/silences";
    }
}
