package dev.kintsugi.oncall;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On-call tests that receive what is sent: a real SMTP server (GreenMail) and a real HTTP server for webhooks
 * (WireMock), both on free ports, living as long as the JVM since the shared context may still send to them.
 * Every subclass shares this one application context (same properties) and its own in-memory database.
 */
abstract class NotifyingTest extends OnCallFixtures {
    static final GreenMail SMTP;
    static final WireMockServer HOOKS;

    static {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        SMTP = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        SMTP.start();
        HOOKS = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        HOOKS.start();
    }

    @DynamicPropertySource
    static void notifying(DynamicPropertyRegistry registry) {
        // a database of its own: every cached test context runs a db-scheduler, and one configured with another
        // mail server (or none) would otherwise pick this context's notification tasks from a shared database
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:kintsugi-oncall-notify;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("kintsugi.oncall.retry-backoff", () -> "1s");
        registry.add("kintsugi.oncall.delivery-attempts", () -> "3");
    }

    static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients())
                                .anyMatch(a -> a.toString().equals(address));
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .toList();
    }

    /** Polls until {@code check} answers true, for at most {@code seconds}. */
    static void eventually(int seconds, String what, Supplier<Boolean> check) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.get()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("not within " + seconds + " s: " + what);
    }
}
