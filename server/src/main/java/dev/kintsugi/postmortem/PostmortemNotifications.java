package dev.kintsugi.postmortem;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.postmortem.mail.Mailer;
import dev.kintsugi.postmortem.persistence.CountermeasureRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;

/**
 * E-mails of the post-mortem module, run by its jobs (and by tests with a chosen time): reminders to
 * countermeasure owners before the due date and after it (once, then weekly while overdue), and the weekly
 * digest of published post-mortems to subscribers. Dates are UTC days.
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

    PostmortemNotifications(
            CountermeasureRepository countermeasures,
            PostmortemLibrary library,
            CatalogManagement catalog,
            UserManagement users,
            Mailer mailer,
            PostmortemMailProperties properties,
            KintsugiProperties kintsugi) {
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
                if (mailer.send(
                        owner.email(),
                        subject(c, today),
                        reminderText(c, owner, today),
                        reminderHtml(c, owner, today))) {
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
            String subject = "Kintsugi: " + entries.size() + " post-mortem" + (entries.size() == 1 ? "" : "s")
                    + " published this week";
            if (mailer.send(user.email(), subject, digestText(entries, from, now), digestHtml(entries, from, now))) {
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

    // ---- messages ----

    private String base() {
        return kintsugi.baseUrl().replaceAll("/+$", "");
    }

    private String link(long postmortemId) {
        return base() + "/postmortems/" + postmortemId;
    }

    private static String when(CountermeasureView c, LocalDate today) {
        long days = ChronoUnit.DAYS.between(today, c.dueDate());
        if (days > 1) {
            return "is due in " + days + " days, on " + c.dueDate();
        }
        if (days == 1) {
            return "is due tomorrow, " + c.dueDate();
        }
        if (days == 0) {
            return "is due today, " + c.dueDate();
        }
        return "is overdue by " + (-days) + " day" + (days == -1 ? "" : "s") + " (due " + c.dueDate() + ")";
    }

    private static String subject(CountermeasureView c, LocalDate today) {
        String state = c.dueDate().isBefore(today) ? "Overdue" : "Due soon";
        return state + ": countermeasure \"" + oneLine(c.title()) + "\" (" + c.postmortemKey() + ")";
    }

    private String reminderText(CountermeasureView c, UserAccount to, LocalDate today) {
        return "Hello " + to.displayName() + ",\n\n"
                + "The countermeasure \"" + c.title() + "\" " + when(c, today) + ".\n\n"
                + "Owner: " + c.owner() + "\n"
                + "Kind: " + c.kind() + ", priority " + c.priority() + ", status " + c.status() + "\n"
                + (c.ticketKey() == null && c.ticketUrl() == null
                        ? ""
                        : "Ticket: " + (c.ticketKey() == null ? "" : c.ticketKey() + " ")
                                + (c.ticketUrl() == null ? "" : c.ticketUrl()) + "\n")
                + "\nPost-mortem " + c.postmortemKey() + ": " + link(c.postmortemId()) + "\n"
                + "All countermeasures: " + base() + "/countermeasures\n\n"
                + "If it is done, or will not be done, say so on the post-mortem so the reminders stop.\n";
    }

    private String reminderHtml(CountermeasureView c, UserAccount to, LocalDate today) {
        return "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"
                + "<p>Hello " + esc(to.displayName()) + ",</p>"
                + "<p>The countermeasure <strong>" + esc(c.title()) + "</strong> " + esc(when(c, today)) + ".</p>"
                + "<ul><li>Owner: " + esc(c.owner()) + "</li><li>Kind: "
                + esc(c.kind().name())
                + ", priority " + c.priority() + ", status " + c.status() + "</li>"
                + (c.ticketUrl() == null
                        ? (c.ticketKey() == null ? "" : "<li>Ticket: " + esc(c.ticketKey()) + "</li>")
                        : "<li>Ticket: <a href=\"" + esc(c.ticketUrl()) + "\">"
                                + esc(c.ticketKey() == null ? c.ticketUrl() : c.ticketKey()) + "</a></li>")
                + "</ul>"
                + "<p><a href=\"" + esc(link(c.postmortemId())) + "\">Open " + c.postmortemKey() + "</a> · "
                + "<a href=\"" + esc(base() + "/countermeasures") + "\">All countermeasures</a></p>"
                + "<p style=\"color:#666\">If it is done, or will not be done, say so on the post-mortem so the"
                + " reminders stop.</p></body></html>";
    }

    private String digestText(List<LibraryEntry> entries, Instant from, Instant to) {
        StringBuilder t = new StringBuilder("Post-mortems published from " + day(from) + " to " + day(to) + ":\n\n");
        for (LibraryEntry e : entries) {
            t.append("* ")
                    .append(e.title())
                    .append(" (")
                    .append(e.key())
                    .append(e.incidentKey() == null ? "" : ", " + e.incidentKey())
                    .append(e.severity() == null ? "" : ", " + e.severity())
                    .append(")\n  ")
                    .append(link(e.id()))
                    .append('\n');
            if (!e.excerpt().isEmpty()) {
                t.append("  ").append(e.excerpt()).append('\n');
            }
            t.append('\n');
        }
        t.append("The library: ").append(base()).append("/postmortems\nUnsubscribe on the library page.\n");
        return t.toString();
    }

    private String digestHtml(List<LibraryEntry> entries, Instant from, Instant to) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        h.append("<h1 style=\"font-size:1.2em\">Post-mortems published from ")
                .append(day(from))
                .append(" to ")
                .append(day(to))
                .append("</h1><ul>");
        for (LibraryEntry e : entries) {
            h.append("<li><p><a href=\"")
                    .append(esc(link(e.id())))
                    .append("\"><strong>")
                    .append(esc(e.title()))
                    .append("</strong></a> <span style=\"color:#666\">")
                    .append(esc(e.key()))
                    .append(e.incidentKey() == null ? "" : " · " + esc(e.incidentKey()))
                    .append(e.severity() == null ? "" : " · " + esc(e.severity()))
                    .append("</span></p>");
            if (!e.excerpt().isEmpty()) {
                h.append("<p>").append(esc(e.excerpt())).append("</p>");
            }
            h.append("</li>");
        }
        h.append("</ul><p><a href=\"")
                .append(esc(base() + "/postmortems"))
                .append("\">The library</a> · unsubscribe on the library page.</p></body></html>");
        return h.toString();
    }

    private static String day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC).toString();
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s, "UTF-8");
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
