package dev.kintsugi.oncall.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kintsugi.oncall.OnCallProperties;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Which addresses count as internal, the allow-list, and that the sender itself refuses before connecting. */
class WebhookGuardTest {

    @Test
    void internalAddressesAreRecognised() throws Exception {
        for (String a : List.of(
                "127.0.0.1",
                "127.8.9.10",
                "10.0.0.1",
                "172.16.5.4",
                "192.168.1.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255",
                "::1",
                "::",
                "fe80::1",
                "fd12:3456::1",
                "::ffff:10.0.0.1",
                "::ffff:127.0.0.1")) {
            assertThat(WebhookGuard.internal(InetAddress.getByName(a))).as(a).isTrue();
        }
        for (String a : List.of("93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111")) {
            assertThat(WebhookGuard.internal(InetAddress.getByName(a))).as(a).isFalse();
        }
    }

    @Test
    void onlyListedHostsMayBeInternal() {
        WebhookGuard strict = guard(List.of());
        assertThat(strict.refusal("http://127.0.0.1:8080/x", false)).contains("internal address");
        assertThat(strict.refusal("http://[::1]/x", false)).contains("internal address");
        assertThat(strict.refusal("http://localhost/x", false)).contains("internal address");
        assertThat(strict.refusal("https://93.184.216.34/hook", false)).isNull();
        assertThat(strict.refusal("https://does-not-exist.invalid/hook", true)).isNull();
        assertThat(strict.refusal("https://does-not-exist.invalid/hook", false)).contains("does not resolve");
        assertThat(strict.refusal("not a url at all", false)).isNotNull();

        WebhookGuard lenient = guard(List.of(" 127.0.0.1 ", "Hooks.Internal"));
        assertThat(lenient.refusal("http://127.0.0.1:8080/x", false)).isNull();
        assertThat(lenient.refusal("http://hooks.internal/x", false)).isNull();
        assertThat(lenient.refusal("http://10.0.0.1/x", false)).isNotNull();
    }

    @Test
    void theSenderRefusesAnInternalTargetWithoutConnecting() {
        OnCallProperties properties = properties(List.of());
        Senders senders = new Senders(
                null,
                tools.jackson.databind.json.JsonMapper.builder().build(),
                properties,
                new WebhookGuard(properties),
                java.time.Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        Message m = new Message(
                "TRIGGERED", 1, "test", "1", "SEV1", "Title", null, null, "Headline", null, null, "Ack", "Resolve");
        assertThatThrownBy(() -> senders.send(
                        Channel.WEBHOOK, "http://169.254.169.254/latest/meta-data/", null, m, Locale.ENGLISH))
                .isInstanceOf(Senders.DeliveryFailed.class)
                .hasMessageContaining("not called")
                .hasMessageNotContaining("169.254");
    }

    private static WebhookGuard guard(List<String> allowed) {
        return new WebhookGuard(properties(allowed));
    }

    private static OnCallProperties properties(List<String> allowed) {
        return new OnCallProperties(
                List.of("SEV1"),
                Duration.ofHours(24),
                5,
                Duration.ofSeconds(30),
                Duration.ofSeconds(2),
                14,
                60,
                allowed);
    }
}
