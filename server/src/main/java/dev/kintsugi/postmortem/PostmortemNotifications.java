package dev.kintsugi.postmortem;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.Mailer;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.postmortem.persistence.CountermeasureRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * E-mails of the post-mortem module, run by its jobs (and by tests with a chosen time): reminders to
 * countermeasure owners before the due date and after it (once, then weekly while overdue), and the weekly
 * digest of published post-mortems to subscribers. Dates are UTC days. Each e-mail is rendered from
 * {@code templates/mail/} in the recipient's language (their profile's, else English).
 */
@Service
@Transactional
public class PostmortemNotifications {
    private static final Logger log = LoggerFactory.getLogger(PostmortemNotifications.class);

    private final CountermeasureRepository countermeasures;
    private final PostmortemLibrary library;
    private final CatalogManagement catalog;
    private final UserManagement users;
    private final Mailer mailer;
    private final PostmortemMailProperties properties;
    private final KintsugiProperties kintsugi;
    private final People people;

    PostmortemNotifications(
            CountermeasureRepository countermeasures,
            PostmortemLibrary library,
            CatalogManagement catalog,
            UserManagement users,
            Mailer mailer,
            PostmortemMailProperties properties,
            KintsugiProperties kintsugi,
            People people) {
        this.people = people;
        this.countermeasures = countermeasures;
        this.library = library;
        this.catalog = catalog;
        this.users = users;
        this.mailer = mailer;
        this.properties = properties;
        this.kintsugi = kintsugi;
    }

    /** What a run did: messages sent, and countermeasures/post-mortems covered. */
    public record Report(int messages, int items) {}

    /**
     * Reminds owners of active countermeasures due within {@code reminderDaysBefore} days (once per due date), and
     * of overdue ones (on the first run after the due date, then every 7 days while still active).
     */
    public Report sendCountermeasureReminders(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<CountermeasureView> active = countermeasures.activeWithDueDate(today);
        if (active.isEmpty() || !mailer.ready("countermeasure reminders")) {
            return new Report(0, 0);
        }
        int messages = 0;
        int items = 0;
        for (CountermeasureView c : active) {
            CountermeasureRepository.Reminded reminded = countermeasures.reminded(c.id());
            LocalDate due = c.dueDate();
            boolean before = !today.isAfter(due)
                    && !today.isBefore(due.minusDays(properties.reminderDaysBefore()))
                    && (reminded.beforeDue() == null
                            || reminded.beforeDue().isBefore(due.minusDays(properties.reminderDaysBefore())));
            boolean after = today.isAfter(due)
                    && (reminded.afterDue() == null
                            || !reminded.afterDue().isAfter(due)
                            || !today.isBefore(reminded.afterDue().plusDays(7)));
            if (!before && !after) {
                continue;
            }
            int sent = 0;
            for (UserAccount owner : owners(c)) {
                if (mailer.send(owner.email(), reminder(c, owner, today))) {
                    sent++;
                }
            }
            if (sent > 0) {
                countermeasures.markReminded(c.id(), before, today);
                messages += sent;
                items++;
            }
        }
        log.info("Countermeasure reminders: {} message(s) about {} countermeasure(s)", messages, items);
        return new Report(messages, items);
    }

    /** Sends each subscriber the post-mortems published in the 7 days before {@code now} that they may see. */
    public Report sendWeeklyDigest(Instant now) {
        Instant from = now.minus(Duration.ofDays(7));
        List<String> subscribers = library.subscribers();
        if (subscribers.isEmpty() || !mailer.ready("the weekly post-mortem digest")) {
            return new Report(0, 0);
        }
        int messages = 0;
        Set<Long> covered = new LinkedHashSet<>();
        for (String username : subscribers) {
            UserAccount user = users.find(username).orElse(null);
            if (user == null || !user.enabled() || blank(user.email())) {
                continue;
            }
            // read as the subscriber, so they only hear of what they may see
            List<LibraryEntry> entries =
                    dev.kintsugi.platform.Actor.runAs(username, user.role(), () -> library.publishedBetween(from, now));
            if (entries.isEmpty()) {
                continue;
            }
            if (mailer.send(user.email(), digest(user, entries, from, now))) {
                messages++;
                entries.forEach(e -> covered.add(e.id()));
            }
        }
        log.info("Post-mortem digest: {} message(s) covering {} post-mortem(s)", messages, covered.size());
        return new Report(messages, covered.size());
    }

    // ---- recipients ----

    private List<UserAccount> owners(CountermeasureView c) {
        Set<String> names = new LinkedHashSet<>();
        if (c.ownerUser() != null) {
            names.add(c.ownerUser());
        }
        if (c.ownerTeam() != null) {
            catalog.findTeam(c.ownerTeam()).map(Team::members).ifPresent(names::addAll);
        }
        return names.stream()
                .map(users::find)
                .flatMap(java.util.Optional::stream)
                .filter(u -> u.enabled() && !blank(u.email()))
                .toList();
    }

    // ---- messages (templates/mail/postmortem-*.html and .txt, bundle i18n/postmortem-mail) ----

    private String base() {
        return kintsugi.baseUrl().replaceAll("/+$", "");
    }

    private String link(long postmortemId) {
        return base() + "/postmortems/" + postmortemId;
    }

    private Mailer.Mail reminder(CountermeasureView c, UserAccount to, LocalDate today) {
        long days = ChronoUnit.DAYS.between(today, c.dueDate());
        String whenKey = days > 1
                ? "pmmail.reminder.when.dueIn"
                : days == 1
                        ? "pmmail.reminder.when.dueTomorrow"
                        : days == 0 ? "pmmail.reminder.when.dueToday" : "pmmail.reminder.when.overdue";
        Map<String, Object> model = new HashMap<>();
        model.put("c", c);
        model.put("owner", people.names().owner(c));
        model.put("name", to.displayName());
        model.put("whenKey", whenKey);
        model.put("days", Math.abs(days));
        model.put("due", c.dueDate().toString());
        model.put("postmortemLink", link(c.postmortemId()));
        model.put("countermeasuresLink", base() + "/countermeasures");
        return mailer.render(
                "postmortem-reminder",
                mailer.localeOf(to),
                model,
                days < 0 ? "pmmail.reminder.subject.overdue" : "pmmail.reminder.subject.soon",
                oneLine(c.title()),
                c.postmortemKey());
    }

    private Mailer.Mail digest(UserAccount to, List<LibraryEntry> entries, Instant from, Instant until) {
        Map<Long, String> links = new HashMap<>();
        entries.forEach(e -> links.put(e.id(), link(e.id())));
        Map<String, Object> model = new HashMap<>();
        model.put("entries", entries);
        model.put("links", links);
        model.put("from", day(from));
        model.put("to", day(until));
        model.put("libraryLink", base() + "/postmortems");
        return mailer.render("postmortem-digest", mailer.localeOf(to), model, "pmmail.digest.subject", entries.size());
    }

    private static String day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC).toString();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
