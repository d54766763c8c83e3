package dev.kintsugi.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) on a free loopback port, for the tests that receive what the application sends.
 * A test class holds one in a static field, started once, and points its context at it:
 *
 * <pre>{@code
 * static final Mailbox MAIL = Mailbox.start();
 *
 * @DynamicPropertySource
 * static void mail(DynamicPropertyRegistry registry) {
 *     MAIL.register(registry);
 * }
 * }</pre>
 *
 * It lives as long as the JVM unless the class stops it: a cached context may still send to it after the class.
 */
public final class Mailbox {
    private final GreenMail smtp;

    private Mailbox(GreenMail smtp) {
        this.smtp = smtp;
    }

    /** A started server on a free port of 127.0.0.1. */
    public static Mailbox start() {
        GreenMail smtp = new GreenMail(new ServerSetup(OwnDatabase.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return new Mailbox(smtp);
    }

    /** The application's mail settings for this server ({@code spring.mail.host} and {@code port}). */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", this::port);
    }

    /**
     * An in-memory H2 database of the context's own, on every pass of the suite: every cached test context runs a
     * db-scheduler, and one configured with another mail server (or none) would otherwise pick this context's mail
     * tasks from a shared database.
     */
    public static void ownDatabase(DynamicPropertyRegistry registry, String name) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }

    public int port() {
        return smtp.getSmtp().getPort();
    }

    /** Every message received so far, in the order of arrival. */
    public List<MimeMessage> received() {
        return List.of(smtp.getReceivedMessages());
    }

    /** The messages received so far for this address (any recipient, case ignored), in the order of arrival. */
    public List<MimeMessage> mailTo(String address) {
        return received().stream().filter(m -> sentTo(m, address)).toList();
    }

    public void stop() {
        smtp.stop();
    }

    /** The message's subject, without a checked exception (for lambdas). */
    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The message's body as sent (every part, for a multipart message), with quoted-printable soft line breaks
     * joined and {@code =3D} read as {@code =}: links and long lines are found whole.
     */
    public static String body(MimeMessage m) {
        return GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "=");
    }

    /** Group 1 of the first match of {@code link} in the {@linkplain #body(MimeMessage) body}; fails if none. */
    public static String link(MimeMessage m, Pattern link) {
        String body = body(m);
        Matcher matcher = link.matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no link like " + link + " in " + body);
        }
        return matcher.group(1);
    }

    /** The decoded text and HTML alternatives of a message, and the content types of its leaf parts. */
    public record Parts(String text, String html, List<String> types) {}

    public static Parts parts(MimeMessage m) {
        List<String> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        try {
            collect(m, types, text, html);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
        return new Parts(text.toString(), html.toString(), types);
    }

    private static void collect(Part p, List<String> types, StringBuilder text, StringBuilder html)
            throws MessagingException, IOException {
        if (p.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) p.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                collect(mp.getBodyPart(i), types, text, html);
            }
        } else if (p.isMimeType("text/plain")) {
            types.add("text/plain");
            text.append(p.getContent());
        } else if (p.isMimeType("text/html")) {
            types.add("text/html");
            html.append(p.getContent());
        }
    }

    private static boolean sentTo(MimeMessage m, String address) {
        try {
            Address[] recipients = m.getAllRecipients();
            return recipients != null
                    && Arrays.stream(recipients).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            return false;
        }
    }
}
