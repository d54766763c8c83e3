package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.EscalationPolicies;
import dev.kintsugi.oncall.Fairness;
import dev.kintsugi.oncall.Notifications;
import dev.kintsugi.oncall.OnCallShift;
import dev.kintsugi.oncall.PageView;
import dev.kintsugi.oncall.Paging;
import dev.kintsugi.oncall.Schedule;
import dev.kintsugi.oncall.Schedules;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The on-call pages: schedules with who is on call now, a schedule's calendar, my on-call, pages, fairness. */
@Controller
@RequestMapping("/oncall")
class OnCallPageController {
    private final Schedules schedules;
    private final EscalationPolicies policies;
    private final Paging paging;
    private final Notifications notifications;
    private final Fairness fairness;
    private final Times times;
    private final dev.kintsugi.platform.KintsugiProperties kintsugi;
    private final Clock clock;
    private final dev.kintsugi.platform.UserManagement users;

    OnCallPageController(
            Schedules schedules,
            EscalationPolicies policies,
            Paging paging,
            Notifications notifications,
            Fairness fairness,
            Times times,
            dev.kintsugi.platform.KintsugiProperties kintsugi,
            dev.kintsugi.platform.UserManagement users,
            Clock clock) {
        this.users = users;
        this.kintsugi = kintsugi;
        this.schedules = schedules;
        this.policies = policies;
        this.paging = paging;
        this.notifications = notifications;
        this.fairness = fairness;
        this.times = times;
        this.clock = clock;
    }

    record ScheduleRow(Schedule schedule, String team, List<String> onCall) {}

    /** A feed URL in a language ({@code ?lang=}) when one of the feeds' languages is asked for. */
    static String withLanguage(String url, String lang) {
        return lang != null && FeedController.LANGUAGES.contains(lang) ? url + "?lang=" + lang : url;
    }

    @GetMapping
    String index(@RequestParam(required = false) String feedLang, Model model) {
        Instant now = clock.instant();
        List<ScheduleRow> rows = new ArrayList<>();
        for (Schedule s : schedules.list()) {
            rows.add(new ScheduleRow(
                    s,
                    schedules.teamName(s),
                    schedules.onCallAt(s, now).stream().map(o -> o.username()).toList()));
        }
        model.addAttribute("schedules", rows);
        model.addAttribute("policies", policies.list());
        model.addAttribute(
                "editablePolicies",
                policies.list().stream()
                        .filter(policies::mayEdit)
                        .map(dev.kintsugi.oncall.EscalationPolicy::name)
                        .toList());
        model.addAttribute("mayCreate", Actor.hasRole(dev.kintsugi.platform.Role.RESPONDER));
        model.addAttribute("pages", paging.recent(20));
        model.addAttribute("mine", schedules.shiftsOf(Actor.current(), now, now.plus(Duration.ofDays(28))));
        model.addAttribute(
                "myFeedUrl",
                withLanguage(
                        dev.kintsugi.oncall.notify.Links.base(kintsugi) + "/webhooks/oncall/feeds/"
                                + schedules.personFeedToken(Actor.current()) + ".ics",
                        feedLang));
        model.addAttribute("feedLang", feedLang == null ? "" : feedLang);
        model.addAttribute("feedLanguages", FeedController.LANGUAGES);
        return "oncall/index";
    }

    /** A new secret URL for my feed: the old one stops working at once. */
    @PostMapping("/me/feed-rotation")
    @PreAuthorize("hasRole('VIEWER')")
    String rotateMyFeed(RedirectAttributes redirect) {
        schedules.rotatePersonFeed();
        redirect.addFlashAttribute("flash", "oncall.feed.rotated");
        return "redirect:/oncall#my-feed";
    }

    @GetMapping("/schedules/{name}")
    String schedule(@PathVariable String name, @RequestParam(required = false) String feedLang, Model model) {
        Schedule s = schedules.get(name);
        Instant now = clock.instant();
        ZoneId zone = times.zone();
        List<OnCallShift> shifts = schedules.shifts(s, CalendarDays.from(now, zone), CalendarDays.to(now, zone));
        model.addAttribute("schedule", s);
        model.addAttribute("team", schedules.teamName(s));
        model.addAttribute("onCall", schedules.onCallAt(s, now));
        model.addAttribute("days", CalendarDays.days(shifts, now, zone));
        model.addAttribute("overrides", schedules.overrides(s));
        model.addAttribute("canEdit", schedules.mayEdit(s));
        if (schedules.mayEdit(s)) {
            // the reader's language unless another is asked for: the feed has no reader of its own
            String lang = feedLang != null && FeedController.LANGUAGES.contains(feedLang)
                    ? feedLang
                    : FeedController.LANGUAGES.contains(
                                    LocaleContextHolder.getLocale().getLanguage())
                            ? LocaleContextHolder.getLocale().getLanguage()
                            : "en";
            model.addAttribute(
                    "feedUrl",
                    withLanguage(
                            dev.kintsugi.oncall.notify.Links.base(kintsugi) + "/webhooks/oncall/feeds/"
                                    + schedules.feedToken(s) + ".ics",
                            lang));
            model.addAttribute("feedLang", lang);
            model.addAttribute("feedLanguages", FeedController.LANGUAGES);
        }
        model.addAttribute("me", Actor.current());
        model.addAttribute("users", users.list());
        if (!model.containsAttribute("overrideForm")) {
            model.addAttribute("overrideForm", Map.of("coveringUser", Actor.current(), "from", "", "to", ""));
            model.addAttribute("overrideError", Map.of());
        }
        // my own turns by rotation: what I can offer in a swap for someone else's turn
        Map<String, List<OnCallShift>> mine = new LinkedHashMap<>();
        for (OnCallShift x : shifts) {
            if (x.rotationKey() != null
                    && x.username().equals(Actor.current())
                    && x.start().isAfter(now)) {
                mine.computeIfAbsent(x.rotationKey(), k -> new ArrayList<>()).add(x);
            }
        }
        model.addAttribute("mineByRotation", mine);
        return "oncall/schedule";
    }

    /** Swaps one of my turns ({@code mineAt}) with someone else's ({@code theirsAt}) in one rotation. */
    @PostMapping("/schedules/{name}/swap")
    @PreAuthorize("hasRole('RESPONDER')")
    String swap(
            @PathVariable String name,
            @RequestParam String rotation,
            @RequestParam Instant mineAt,
            @RequestParam Instant theirsAt,
            RedirectAttributes redirect) {
        schedules.swap(name, rotation, mineAt, theirsAt);
        redirect.addFlashAttribute("flash", "oncall.schedule.swapped");
        return "redirect:/oncall/schedules/" + name;
    }

    @PostMapping("/schedules/{name}/take")
    @PreAuthorize("hasRole('RESPONDER')")
    String take(
            @PathVariable String name,
            @RequestParam String rotation,
            @RequestParam Instant shiftAt,
            RedirectAttributes redirect) {
        schedules.take(name, rotation, shiftAt, null);
        redirect.addFlashAttribute("flash", "oncall.schedule.taken");
        return "redirect:/oncall/schedules/" + name;
    }

    @GetMapping("/pages/{id}")
    String page(@PathVariable long id, Model model) {
        PageView p = paging.find(id).orElseThrow(() -> new NotFoundException("Page", id));
        model.addAttribute("page", p);
        model.addAttribute("paged", paging.recipients(id));
        model.addAttribute("deliveries", notifications.log(id));
        return "oncall/page";
    }

    @PostMapping("/pages/{id}/acknowledge")
    @PreAuthorize("hasRole('RESPONDER')")
    String acknowledge(@PathVariable long id) {
        paging.acknowledge(id, Actor.current());
        return "redirect:/oncall/pages/" + id;
    }

    @PostMapping("/pages/{id}/resolve")
    @PreAuthorize("hasRole('RESPONDER')")
    String resolve(@PathVariable long id) {
        paging.resolve(id);
        return "redirect:/oncall/pages/" + id;
    }

    @GetMapping("/fairness")
    String fairness(
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to, Model model) {
        ZoneId zone = times.zone();
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        LocalDate f = from == null ? today.withDayOfMonth(1) : from;
        LocalDate t = to == null ? f.plusMonths(1) : to;
        Instant a = f.atStartOfDay(zone).toInstant();
        Instant b = t.atStartOfDay(zone).toInstant();
        model.addAttribute("from", f);
        model.addAttribute("to", t);
        model.addAttribute("fromInstant", a);
        model.addAttribute("toInstant", b);
        model.addAttribute("rows", fairness.report(a, b));
        return "oncall/fairness";
    }
}
