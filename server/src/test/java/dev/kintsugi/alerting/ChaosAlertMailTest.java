package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.kintsugi.alerting.persistence.ChaosRunRepository;
import dev.kintsugi.chaos.ChaosRunStarted;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code notify-owner}: an alert expected from a chaos run e-mails the run's starter (a real SMTP server, GreenMail,
 * on a free port), with links to the alert and the run. Its own context (a mail host and a database of its own).
 */
class ChaosAlertMailTest extends AlertingFixtures {
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
                () -> "jdbc:h2:mem:kintsugi-alerting-mail;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    ChaosRunRepository runs;

    @Autowired
    Clock clock;

    @Test
    void theRunsStarterIsEmailedInsteadOfOnCall() {
        organisation();
        long serviceId =
                tx.execute(s -> catalog.findService(service).orElseThrow().id());
        String email = tx.execute(s -> users.get(responder).email());
        JsonNode integration = integration(SourceType.PAGERDUTY, Map.of("routing", "NOTIFY_ONLY"));
        long runId = 4242;
        var now = clock.instant();
        tx.executeWithoutResult(s -> publisher.publishEvent(
                new ChaosRunStarted(runId, 7, 1, false, responder, Set.of(serviceId), Set.of(), now)));
        await(() -> runs.inProgress(Set.of(serviceId), clock.instant()), java.util.Optional::isPresent, "run heard");
        String dedup = unique("lat");
        Answer a = post("/webhooks/pagerduty/v2/enqueue", """
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"Checkout latency","source":"web-1","severity":"critical"}}""".formatted(
                        integration.get("key").asString(), dedup));
        assertThat(a.status()).as(a.toString()).isEqualTo(202);
        MimeMessage mail = await(
                () -> Arrays.stream(SMTP.getReceivedMessages())
                        .filter(m -> sentTo(m, email))
                        .findFirst()
                        .orElse(null),
                java.util.Objects::nonNull,
                "the starter's e-mail");
        String body = GreenMailUtil.getBody(mail);
        assertThat(subject(mail)).contains("4242");
        assertThat(body).contains("/chaos/runs/4242").contains("/alerts/");
    }

    private static boolean sentTo(MimeMessage m, String address) {
        try {
            return Arrays.stream(m.getAllRecipients())
                    .anyMatch(r -> r.toString().equals(address));
        } catch (jakarta.mail.MessagingException e) {
            return false;
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
