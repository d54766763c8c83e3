package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.ContactRules;
import dev.kintsugi.oncall.Notifications;
import dev.kintsugi.oncall.TestNotifications;
import dev.kintsugi.oncall.notify.Channel;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.StaleVersionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My contact methods in the browser: add one (e-mail, Slack, Mattermost, Teams, generic webhook) with its delay,
 * remove one, send a test notification through the real sender (its outcome shown and kept in the log), and edit
 * my contact rules (ordered steps: which method, after how many minutes, for which severities).
 */
@Controller
@RequestMapping("/oncall/me/contact-methods")
@PreAuthorize("hasRole('VIEWER')")
class ContactPageController {
    static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV3", "SEV4", "SEV5");
    /** Empty rows offered below the saved steps. */
    static final int BLANK_ROWS = 2;

    private final Notifications notifications;
    private final TestNotifications tests;
    private final ContactRules contactRules;
    private final MessageSource messages;

    ContactPageController(
            Notifications notifications, TestNotifications tests, ContactRules contactRules, MessageSource messages) {
        this.notifications = notifications;
        this.tests = tests;
        this.contactRules = contactRules;
        this.messages = messages;
    }

    /**
     * A row of the rules editor as typed: {@code method} "" (no step), "account" (the account's e-mail) or a method
     * id; {@code severities} ticked (none: every severity).
     */
    record StepRow(String method, String delayMinutes, List<String> severities) {
        static StepRow blank() {
            return new StepRow("", "0", List.of());
        }
    }

    /** The add form; {@code delayMinutes} as typed. */
    record ContactForm(String channel, String target, String signingSecret, String delayMinutes) {
        static ContactForm blank() {
            return new ContactForm("EMAIL", null, null, "0");
        }
    }

    @GetMapping
    String page(Model model) {
        return page(model, ContactForm.blank(), Map.of());
    }

    @PostMapping
    String add(@ModelAttribute ContactForm form, Model model, Locale locale, RedirectAttributes redirect) {
        try {
            Channel channel;
            try {
                channel = Channel.valueOf(form.channel() == null ? "" : form.channel());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("channel", "oncall.invalid.channel", "not a channel");
            }
            notifications.addMethod(
                    channel,
                    form.target() == null ? null : form.target().trim(),
                    form.signingSecret(),
                    ScheduleForm.number(form.delayMinutes(), "delayMinutes", 0, 1440));
        } catch (InvalidInputException e) {
            // the signing secret is never sent back to the page
            ContactForm kept = new ContactForm(form.channel(), form.target(), null, form.delayMinutes());
            return page(model, kept, Map.of(e.field(), messages.getMessage(e.resolvable(), locale)));
        }
        redirect.addFlashAttribute("flash", "oncall.contact.added");
        return "redirect:/oncall/me/contact-methods";
    }

    /** Saves the rules editor: rows {@code method_i}, {@code delay_i}, {@code sev_i} (repeated), and {@code version}. */
    @PostMapping("/rules")
    String saveRules(
            @RequestParam MultiValueMap<String, String> form, Model model, Locale locale, RedirectAttributes redirect) {
        List<StepRow> rows = new ArrayList<>();
        for (int i = 0; i < ContactRules.MAX_STEPS + BLANK_ROWS; i++) {
            String method = form.getFirst("method_" + i);
            if (method == null) {
                break;
            }
            List<String> sev = form.getOrDefault("sev_" + i, List.of());
            rows.add(new StepRow(method, form.getFirst("delay_" + i), sev));
        }
        String version = form.getFirst("version");
        try {
            List<ContactRules.Step> steps = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                StepRow r = rows.get(i);
                if (r.method() == null || r.method().isBlank()) {
                    continue;
                }
                Long methodId;
                if ("account".equals(r.method())) {
                    methodId = null;
                } else {
                    try {
                        methodId = Long.valueOf(r.method());
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(
                                "steps[" + i + "].methodId",
                                "oncall.invalid.stepMethod",
                                "not one of your contact methods");
                    }
                }
                int delay = ScheduleForm.number(r.delayMinutes(), "steps[" + i + "].delayMinutes", 0, 1440);
                steps.add(new ContactRules.Step(methodId, delay, r.severities(), null));
            }
            Long expected = null;
            try {
                expected = version == null || version.isBlank() ? null : Long.valueOf(version);
            } catch (NumberFormatException e) {
                expected = -1L;
            }
            contactRules.save(steps, expected);
        } catch (InvalidInputException e) {
            return page(
                    model,
                    ContactForm.blank(),
                    Map.of(),
                    rows,
                    version,
                    Map.of(e.field(), messages.getMessage(e.resolvable(), locale)));
        } catch (StaleVersionException | ConflictException e) {
            return page(
                    model,
                    ContactForm.blank(),
                    Map.of(),
                    rows,
                    version,
                    Map.of("rules", messages.getMessage("oncall.form.stale", null, locale)));
        }
        redirect.addFlashAttribute("flash", "oncall.rules.saved");
        return "redirect:/oncall/me/contact-methods#contact-rules";
    }

    @PostMapping("/{id}/delete")
    String remove(@PathVariable long id, RedirectAttributes redirect) {
        notifications.removeMethod(id);
        redirect.addFlashAttribute("flash", "oncall.contact.removed");
        return "redirect:/oncall/me/contact-methods";
    }

    @PostMapping("/{id}/test")
    String test(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("tested", tests.send(id));
        return "redirect:/oncall/me/contact-methods#test-result";
    }

    private String page(Model model, ContactForm form, Map<String, String> errors) {
        ContactRules.RuleSet set = contactRules.of(Actor.current());
        List<StepRow> rows = new ArrayList<>();
        for (ContactRules.Step s : set.steps()) {
            List<String> ticked = s.minSeverity() == null
                    ? s.severities()
                    : SEVERITIES.stream()
                            .filter(x -> x.compareTo(s.minSeverity()) <= 0)
                            .toList();
            rows.add(new StepRow(
                    s.methodId() == null ? "account" : s.methodId().toString(),
                    Integer.toString(s.delayMinutes()),
                    ticked));
        }
        return page(model, form, errors, rows, Long.toString(set.version()), Map.of());
    }

    private String page(
            Model model,
            ContactForm form,
            Map<String, String> errors,
            List<StepRow> stepRows,
            String version,
            Map<String, String> ruleErrors) {
        String me = Actor.current();
        List<StepRow> rows = new ArrayList<>(stepRows);
        for (int i = 0; i < BLANK_ROWS && rows.size() < ContactRules.MAX_STEPS + BLANK_ROWS; i++) {
            rows.add(StepRow.blank());
        }
        model.addAttribute("rules", contactRules.of(me));
        model.addAttribute("ruleRows", rows);
        model.addAttribute("rulesVersion", version);
        model.addAttribute("ruleErrors", ruleErrors);
        model.addAttribute("severities", SEVERITIES);
        Map<Long, Integer> delays = new LinkedHashMap<>();
        notifications.rules(me).forEach(r -> delays.put(r.methodId(), r.delayMinutes()));
        model.addAttribute("methods", notifications.methods(me));
        model.addAttribute("delays", delays);
        model.addAttribute("log", tests.log(me));
        model.addAttribute("channels", List.of(Channel.values()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "oncall/contact-methods";
    }
}
