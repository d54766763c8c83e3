package dev.kintsugi.gameday;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.kintsugi.platform.AuditQuery;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Send the invitations": every participant gets an e-mail (GreenMail, a real SMTP server) in their language with
 * the game day's {@code .ics} attached as an iTIP request (text/calendar, METHOD:REQUEST, the facilitator as
 * organiser, the participant as attendee, their role in it); only the facilitator sends; audited. A database of its
 * own: another cached context's db-scheduler, with no mail server, must not pick this context's tasks.
 */
class GameDayInvitationMailTest extends IntegrationTest {
    static final GreenMail SMTP;

    static {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        SMTP = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        SMTP.start();
    }

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:kintsugi-gameday-mail;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @Autowired
    dev.kintsugi.platform.AuditLog audit;

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .anyMatch(a -> a.toString().equals(address));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** Every part of a message, nested multiparts opened. */
    private static List<BodyPart> parts(Object content) throws Exception {
        List<BodyPart> all = new ArrayList<>();
        if (content instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart p = mp.getBodyPart(i);
                all.add(p);
                all.addAll(parts(p.getContent()));
            }
        }
        return all;
    }

    @Test
    void everyParticipantGetsTheirInvitationByEmail() throws Exception {
        String fac = createUser(unique("fac"), Role.RESPONDER, "password-fac-123");
        String hero = createUser(unique("hero"), Role.RESPONDER, "password-hero-123");
        tx.executeWithoutResult(
                s -> users.updateProfile(hero, new UserManagement.ProfileChange(null, null, "Europe/Paris", "fr")));
        ApiClient f = apiAs(fac);
        String title = unique("Payday rehearsal");
        ApiClient.Response plan = f.post(
                "/api/v1/gamedays",
                Map.of(
                        "title", title,
                        "mode", "INFORMED",
                        "startsAt", "2026-03-10T09:00:00Z",
                        "durationMinutes", 90,
                        "environment", "staging"));
        assertThat(plan.status()).as(plan.body()).isEqualTo(201);
        long id = plan.json().path("id").asLong();
        long team = f.post("/api/v1/gamedays/" + id + "/teams", Map.of("name", "red"))
                .json()
                .path("id")
                .asLong();
        assertThat(f.put("/api/v1/gamedays/" + id + "/participants/" + hero, Map.of("role", "HERO", "teamId", team))
                        .status())
                .isEqualTo(200);

        assertThat(apiAs(hero)
                        .post("/api/v1/gamedays/" + id + "/invitations", null)
                        .status())
                .as("only the facilitator sends the invitations")
                .isEqualTo(403);
        ApiClient.Response sent = f.post("/api/v1/gamedays/" + id + "/invitations", null);
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().path("sent").valueStream().map(n -> n.asString()).toList())
                .containsExactlyInAnyOrder(fac, hero);

        String heroMail = hero + "@example.test";
        assertThat(GameDayFixture.poll(
                        Duration.ofSeconds(60),
                        () -> !mailTo(heroMail).isEmpty()
                                && !mailTo(fac + "@example.test").isEmpty()))
                .as("both participants are mailed")
                .isTrue();
        MimeMessage m = mailTo(heroMail).getFirst();
        assertThat(m.getSubject()).as("in the hero's language").isEqualTo("Invitation au game day\u202f: " + title);
        List<BodyPart> parts = parts(m.getContent());
        assertThat(parts).anySatisfy(p -> assertThat(p.getContent().toString()).contains("héros, dans l’équipe red"));
        BodyPart ics = parts.stream()
                .filter(p -> {
                    try {
                        return p.getContentType().toLowerCase().startsWith("text/calendar");
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow();
        assertThat(ics.getContentType().toLowerCase()).contains("method=request");
        assertThat(ics.getFileName()).isEqualTo("gameday-" + id + ".ics");
        String text = new String(ics.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        ICalendar cal = Biweekly.parse(text).first();
        assertThat(cal.getMethod().getValue()).isEqualTo("REQUEST");
        VEvent e = cal.getEvents().getFirst();
        assertThat(e.getSummary().getValue()).isEqualTo("Game day: " + title);
        assertThat(e.getDateStart().getValue()).isEqualTo(Date.from(Instant.parse("2026-03-10T09:00:00Z")));
        assertThat(e.getDateEnd().getValue()).isEqualTo(Date.from(Instant.parse("2026-03-10T10:30:00Z")));
        assertThat(e.getOrganizer().getEmail()).isEqualTo(fac + "@example.test");
        assertThat(e.getAttendees()).extracting(a -> a.getEmail()).containsExactly(heroMail);
        assertThat(e.getDescription().getValue()).contains("HERO (red)");

        List<dev.kintsugi.platform.AuditEntry> audited = tx.execute(s -> audit.search(
                        new AuditQuery(null, "gameday.invitations", "gameday", Long.toString(id), null, null), 0, 10)
                .items());
        assertThat(audited).singleElement().satisfies(a -> assertThat(a.actor()).isEqualTo(fac));
    }
}
