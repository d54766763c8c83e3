package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.Notifications;
import dev.kintsugi.oncall.TestNotifications;
import dev.kintsugi.oncall.notify.Channel;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * My contact methods in the browser: add one (e-mail, Slack, Mattermost, Teams, generic webhook) with its delay,
 * remove one, and send a test notification through the real sender, its outcome shown and kept in the log.
 */
@Controller
@RequestMapping("/oncall/me/contact-methods")
@PreAuthorize("hasRole('VIEWER')")
class ContactPageController {
    private final Notifications notifications;
    private final TestNotifications tests;
    private final MessageSource messages;

    ContactPageController(Notifications notifications, TestNotifications tests, MessageSource messages) {
        this.notifications = notifications;
        this.tests = tests;
        this.messages = messages;
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
        String me = Actor.current();
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
