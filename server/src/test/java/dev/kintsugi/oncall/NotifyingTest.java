package dev.kintsugi.oncall;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.kintsugi.support.Eventually;
import dev.kintsugi.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On-call tests that receive what is sent: a real SMTP server ({@link Mailbox}) and a real HTTP server for webhooks
 * (WireMock), both on free ports, living as long as the JVM since the shared context may still send to them.
 * Every subclass shares this one application context (same properties) and its own in-memory database.
 */
abstract class NotifyingTest extends OnCallFixtures {
    static final Mailbox MAIL = Mailbox.start();
    static final WireMockServer HOOKS;

    static {
        HOOKS = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        HOOKS.start();
    }

    @DynamicPropertySource
    static void notifying(DynamicPropertyRegistry registry) {
        Mailbox.ownDatabase(registry, "kintsugi-oncall-notify");
        MAIL.register(registry);
        registry.add("kintsugi.oncall.retry-backoff", () -> "1s");
        registry.add("kintsugi.oncall.delivery-attempts", () -> "3");
    }

    static List<MimeMessage> mailTo(String address) {
        return MAIL.mailTo(address);
    }

    static void eventually(int seconds, String what, BooleanSupplier check) {
        Eventually.eventually(seconds, what, check);
    }
}
