package dev.kintsugi.oncall.notify;

import dev.kintsugi.oncall.OnCallProperties;
import dev.kintsugi.platform.Mailer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends one message through one channel: e-mail through the platform's mailer, Slack, Mattermost and Microsoft
 * Teams through their incoming webhooks, or a generic JSON webhook signed with HMAC-SHA256 ({@code
 * X-Kintsugi-Signature: sha256=<hex of HMAC(secret, timestamp + "." + body)>}, {@code X-Kintsugi-Timestamp}).
 * A failure throws {@link DeliveryFailed} with a reason that never contains the target (webhook URLs are secrets).
 */
@Component
public class Senders {
    private final Mailer mailer;
    private final JsonMapper json;
    private final HttpClient http;
    private final OnCallProperties properties;
    private final Clock clock;
    private final WebhookGuard guard;

    Senders(Mailer mailer, JsonMapper json, OnCallProperties properties, WebhookGuard guard, Clock clock) {
        this.mailer = mailer;
        this.guard = guard;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A delivery that did not go through; {@code reason} is safe to log and show. */
    public static class DeliveryFailed extends RuntimeException {
        public DeliveryFailed(String reason) {
            super(reason);
        }
    }

    public void send(Channel channel, String target, String signingSecret, Message m, Locale locale) {
        switch (channel) {
            case EMAIL -> email(target, m, locale);
            case SLACK, MATTERMOST -> post(target, json.writeValueAsString(Map.of("text", text(m))), Map.of());
            case TEAMS -> post(target, json.writeValueAsString(TeamsCards.adaptive(m)), Map.of());
            case TEAMS_CONNECTOR -> post(target, json.writeValueAsString(TeamsCards.messageCard(m)), Map.of());
            case WEBHOOK -> webhook(target, signingSecret, m);
        }
    }

    private void email(String to, Message m, Locale locale) {
        if (!mailer.ready("on-call notification")) {
            throw new DeliveryFailed("no mail host configured");
        }
        Mailer.Mail mail = mailer.render(
                "oncall-page",
                locale,
                Map.of("m", m),
                switch (m.kind()) {
                    case "RESOLVED" -> "oncall.mail.subject.resolved";
                    case "TEST" -> "oncall.mail.subject.test";
                    default -> "oncall.mail.subject.triggered";
                },
                m.severity() == null ? "-" : m.severity(),
                m.title());
        if (!mailer.send(to, mail)) {
            throw new DeliveryFailed("the mail server refused the message");
        }
    }

    static String text(Message m) {
        StringBuilder s = new StringBuilder(m.headline());
        if (m.summary() != null && !m.summary().isBlank()) {
            s.append("\n").append(m.summary());
        }
        if (m.subjectLink() != null) {
            s.append("\n").append(m.subjectLink());
        }
        if (m.acknowledgeUrl() != null) {
            s.append("\n").append(m.acknowledgeLabel()).append(": ").append(m.acknowledgeUrl());
            s.append("\n").append(m.resolveLabel()).append(": ").append(m.resolveUrl());
        }
        return s.toString();
    }

    private void webhook(String url, String secret, Message m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "event",
                switch (m.kind()) {
                    case "RESOLVED" -> "page.resolved";
                    case "TEST" -> "notification.test";
                    case "NOTICE" -> "notice";
                    default -> "page.triggered";
                });
        body.put("pageId", m.pageId());
        body.put("subjectType", m.subjectType());
        body.put("subjectId", m.subjectId());
        body.put("severity", m.severity());
        body.put("title", m.title());
        body.put("summary", m.summary());
        body.put("link", m.subjectLink());
        if (m.acknowledgeUrl() != null) {
            body.put("acknowledgeUrl", m.acknowledgeUrl());
            body.put("resolveUrl", m.resolveUrl());
        }
        body.values().removeIf(v -> v == null);
        String payload = json.writeValueAsString(body);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Kintsugi-Timestamp", timestamp);
        if (secret != null) {
            headers.put("X-Kintsugi-Signature", "sha256=" + hmacHex(secret, timestamp + "." + payload));
        }
        post(url, payload, headers);
    }

    /** The signature a receiver recomputes: hex HMAC-SHA256 of {@code data} with {@code secret}. */
    public static String hmacHex(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void post(String url, String body, Map<String, String> headers) {
        String refused = guard.refusal(url, false);
        if (refused != null) {
            throw new DeliveryFailed("the webhook was not called: " + refused);
        }
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.webhookTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new DeliveryFailed("the stored webhook address is not a URL");
        }
        headers.forEach(b::header);
        try {
            HttpResponse<Void> r = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 != 2) {
                throw new DeliveryFailed("the webhook answered HTTP " + r.statusCode());
            }
        } catch (IOException e) {
            throw new DeliveryFailed(
                    "the webhook could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted");
        }
    }
}
