package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.alerting.persistence.ChaosRunRepository;
import dev.kintsugi.chaos.ChaosRunStarted;
import dev.kintsugi.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
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
    static final Mailbox MAIL = Mailbox.start();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        Mailbox.ownDatabase(registry, "kintsugi-alerting-mail");
        MAIL.register(registry);
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
        MimeMessage mail = await(() -> MAIL.mailTo(email), m -> !m.isEmpty(), "the starter's e-mail")
                .getFirst();
        String body = Mailbox.body(mail);
        assertThat(Mailbox.subject(mail)).contains("4242");
        assertThat(body).contains("/chaos/runs/4242").contains("/alerts/");
    }
}
