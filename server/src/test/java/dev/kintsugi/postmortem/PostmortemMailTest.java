package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.AdjustableClock;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.Mailbox;
import dev.kintsugi.support.Mailbox.Parts;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reminder and digest e-mails, received by a real SMTP server (GreenMail on a free port). The jobs' facade methods
 * are called directly with chosen times.
 */
class PostmortemMailTest extends PostmortemFixtures {
    static final Mailbox MAIL = Mailbox.start();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        MAIL.register(registry);
        registry.add("kintsugi.base-url", () -> "https://kintsugi.example.test/");
        registry.add("kintsugi.postmortem.reminder-days-before", () -> "3");
    }

    @AfterAll
    static void stop() {
        MAIL.stop();
    }

    @Autowired
    PostmortemNotifications notifications;

    @Autowired
    AdjustableClock clock;

    @Test
    void ownersAreRemindedBeforeTheDueDateAndWeeklyWhileOverdue() throws Exception {
        String owner = responder();
        String memberA = responder();
        String memberB = responder();
        String team = team(memberA, memberB);
        Postmortem pm = draft(owner);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant now = today.atTime(9, 0).toInstant(ZoneOffset.UTC);
        LocalDate due = today.plusDays(2);
        CountermeasureView mine = as(
                owner,
                Role.RESPONDER,
                () -> countermeasures.create(
                        pm.id(),
                        new CountermeasureDraft(
                                "Alert on <pool> saturation",
                                null,
                                CountermeasureKind.TELEMETRY_OR_ALERT,
                                owner,
                                null,
                                due,
                                CountermeasurePriority.P1,
                                "OPS-7",
                                "https://tracker.example.test/OPS-7",
                                null)));
        CountermeasureView teams = as(
                owner,
                Role.RESPONDER,
                () -> countermeasures.create(
                        pm.id(),
                        new CountermeasureDraft(
                                "Runbook for the PSP failover",
                                null,
                                CountermeasureKind.RUNBOOK_OR_DOCUMENTATION,
                                null,
                                team,
                                today.plusDays(20),
                                null,
                                null,
                                null,
                                null)));
        CountermeasureView done = as(owner, Role.RESPONDER, () -> {
            CountermeasureView c = countermeasures.create(
                    pm.id(),
                    new CountermeasureDraft(
                            "Load test the pool",
                            null,
                            CountermeasureKind.AUTOMATED_TEST,
                            owner,
                            null,
                            due,
                            null,
                            null,
                            null,
                            null));
            return countermeasures.changeStatus(c.id(), CountermeasureStatus.DONE, null);
        });

        // two days before: the owner is reminded of the active one only
        tx.execute(s -> notifications.sendCountermeasureReminders(now));
        List<MimeMessage> toOwner = to(owner);
        assertThat(toOwner).hasSize(1);
        MimeMessage first = toOwner.get(0);
        assertThat(first.getSubject())
                .isEqualTo("Due soon: countermeasure \"Alert on <pool> saturation\" (" + pm.key() + ")");
        assertThat(first.getFrom()[0].toString()).isEqualTo("kintsugi@localhost");
        Parts parts = parts(first);
        assertThat(parts.text()).contains("is due in 2 days, on " + due);
        assertThat(parts.text()).contains("https://kintsugi.example.test/postmortems/" + pm.id());
        assertThat(parts.text()).contains("OPS-7").doesNotContain(done.title());
        assertThat(parts.html())
                .contains("Alert on &lt;pool&gt; saturation")
                .contains("href=\"https://kintsugi.example.test/postmortems/" + pm.id() + "\"");
        assertThat(to(memberA)).isEmpty();

        // the same day again, and the next day: already reminded before the due date
        tx.execute(s -> notifications.sendCountermeasureReminders(now.plus(Duration.ofHours(3))));
        tx.execute(s -> notifications.sendCountermeasureReminders(now.plus(Duration.ofDays(1))));
        assertThat(to(owner)).hasSize(1);

        // the day after the due date: overdue, once
        tx.execute(s -> notifications.sendCountermeasureReminders(now.plus(Duration.ofDays(3))));
        assertThat(to(owner)).hasSize(2);
        MimeMessage overdue = to(owner).get(1);
        assertThat(overdue.getSubject()).startsWith("Overdue: countermeasure");
        assertThat(parts(overdue).text()).contains("is overdue by 1 day (due " + due + ")");
        tx.execute(s -> notifications.sendCountermeasureReminders(now.plus(Duration.ofDays(6))));
        assertThat(to(owner)).hasSize(2);
        // a week later, still overdue: again
        tx.execute(s -> notifications.sendCountermeasureReminders(now.plus(Duration.ofDays(10))));
        assertThat(to(owner)).hasSize(3);
        assertThat(parts(to(owner).get(2)).text()).contains("is overdue by 8 days");

        // the team's countermeasure reaches each member when its time comes (it is overdue by day 21)
        assertThat(to(memberA)).isEmpty();
        tx.execute(s -> notifications.sendCountermeasureReminders(now.plus(Duration.ofDays(17))));
        assertThat(to(memberA)).hasSize(1);
        assertThat(to(memberB)).hasSize(1);
        assertThat(to(memberA).get(0).getSubject()).contains("Runbook for the PSP failover");
        // the owner by name: the team's display name, not its slug
        assertThat(parts(to(memberA).get(0)).text()).contains("Owner: Team " + team);
        // ...and the owner's overdue one is due its next weekly reminder (last one on day 10)
        assertThat(to(owner)).hasSize(4);

        // once done, the reminders stop
        as(owner, Role.RESPONDER, () -> countermeasures.changeStatus(mine.id(), CountermeasureStatus.DONE, null));
        as(owner, Role.RESPONDER, () -> countermeasures.changeStatus(teams.id(), CountermeasureStatus.DONE, null));
        tx.execute(s -> notifications.sendCountermeasureReminders(now.plus(Duration.ofDays(30))));
        assertThat(to(owner)).hasSize(4);
        assertThat(to(memberA)).hasSize(1);
    }

    @Test
    void subscribersGetTheWeeksPublishedPostmortemsTheyMaySee() throws Exception {
        String author = responder();
        Postmortem old = clock.callAt(
                Instant.now().minus(Duration.ofDays(9)), () -> published(author, "An old one from last month"));
        Postmortem open = published(author, "Retries **amplified** the outage");
        Postmortem secret = publish(
                author, draft(author, Severity.SEV2, true, List.of()), "A private one", List.of("digest-private"));

        String reader = responder();
        as(reader, Role.RESPONDER, () -> {
            library.subscribe();
            return null;
        });
        as(author, Role.RESPONDER, () -> {
            library.subscribe();
            return null;
        });
        String unsubscribed = responder();

        tx.execute(s -> notifications.sendWeeklyDigest(Instant.now().plusSeconds(5)));

        List<MimeMessage> readers = to(reader);
        assertThat(readers).hasSize(1);
        MimeMessage digest = readers.get(0);
        assertThat(digest.getSubject()).startsWith("Kintsugi: ").endsWith("published this week");
        Parts parts = parts(digest);
        assertThat(parts.text())
                .contains(open.content().title())
                .contains("https://kintsugi.example.test/postmortems/" + open.id())
                .contains("Retries amplified the outage")
                .doesNotContain(old.content().title())
                .doesNotContain(secret.content().title());
        assertThat(parts.html()).contains(open.content().title()).contains("https://kintsugi.example.test/postmortems");

        // the author took part in the private incident: their digest has it
        List<MimeMessage> authors = to(author);
        assertThat(authors).hasSize(1);
        assertThat(parts(authors.get(0)).text()).contains(secret.content().title());
        assertThat(to(unsubscribed)).isEmpty();
    }

    @Test
    void aFrenchOwnerAndSubscriberGetTheirEmailsInFrench() throws Exception {
        String owner = responder();
        tx.executeWithoutResult(s -> users.updateProfile(
                owner, new dev.kintsugi.platform.UserManagement.ProfileChange(null, null, null, "fr")));
        Postmortem pm = draft(owner);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant now = today.atTime(9, 0).toInstant(ZoneOffset.UTC);
        LocalDate due = today.plusDays(2);
        as(
                owner,
                Role.RESPONDER,
                () -> countermeasures.create(
                        pm.id(),
                        new CountermeasureDraft(
                                "Alerte sur la saturation du <pool>",
                                null,
                                CountermeasureKind.TELEMETRY_OR_ALERT,
                                owner,
                                null,
                                due,
                                CountermeasurePriority.P2,
                                null,
                                null,
                                null)));

        tx.execute(s -> notifications.sendCountermeasureReminders(now));
        List<MimeMessage> mails = to(owner);
        assertThat(mails).hasSize(1);
        MimeMessage reminder = mails.get(0);
        assertThat(reminder.getSubject())
                .isEqualTo("Échéance proche\u202f: contre-mesure «\u00a0Alerte sur la saturation du <pool>\u00a0» ("
                        + pm.key() + ")");
        Parts parts = parts(reminder);
        assertThat(parts.text())
                .startsWith("Bonjour Test " + owner + ",")
                .contains(
                        "La contre-mesure «\u00a0Alerte sur la saturation du <pool>\u00a0» arrive à échéance dans 2 jours, le "
                                + due + ".")
                .contains("Responsable\u202f: Test " + owner)
                .contains("Type\u202f: télémétrie ou alerte, priorité P2, statut ouverte")
                .contains("Post-mortem " + pm.key() + "\u202f: https://kintsugi.example.test/postmortems/" + pm.id())
                .doesNotContain("Hello", "is due", "Owner:", "Kind:");
        assertThat(parts.html())
                .contains("lang=\"fr\"")
                .contains("<strong>Alerte sur la saturation du &lt;pool&gt;</strong>")
                .contains("Ouvrir " + pm.key())
                .contains("href=\"https://kintsugi.example.test/postmortems/" + pm.id() + "\"")
                .doesNotContain("Hello", "is due", "All countermeasures");

        // the weekly digest, in French too
        published(owner, "Les relances ont amplifié la panne");
        as(owner, Role.RESPONDER, () -> {
            library.subscribe();
            return null;
        });
        tx.execute(s -> notifications.sendWeeklyDigest(Instant.now().plusSeconds(5)));
        MimeMessage digest = to(owner).get(1);
        assertThat(digest.getSubject()).startsWith("Kintsugi\u202f: ").endsWith(" cette semaine");
        Parts digestParts = parts(digest);
        assertThat(digestParts.text())
                .startsWith("Post-mortems publiés du ")
                .contains("Les relances ont amplifié la panne")
                .contains("La bibliothèque\u202f: https://kintsugi.example.test/postmortems")
                .doesNotContain("The library", "published from");
        assertThat(digestParts.html()).contains("lang=\"fr\"").contains("Désabonnement");
    }

    @Autowired
    PostmortemLibrary library;

    private static List<MimeMessage> to(String username) {
        return MAIL.mailTo(username + "@example.test");
    }

    private static Parts parts(MimeMessage m) {
        Parts parts = Mailbox.parts(m);
        assertThat(parts.types()).as("a text and an HTML alternative").contains("text/plain", "text/html");
        return parts;
    }
}
