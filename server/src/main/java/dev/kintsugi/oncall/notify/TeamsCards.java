package dev.kintsugi.oncall.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bodies Microsoft Teams webhooks take. A Teams Workflows webhook ("post to a channel when a webhook request is
 * received") takes a message whose attachment is an Adaptive Card (schema 1.4); a legacy Office 365 connector
 * takes a MessageCard. Both carry the headline, the summary, the subject's link and the acknowledge/resolve links.
 */
final class TeamsCards {
    static final String ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive";

    private TeamsCards() {}

    /** {@code {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive",...}]}}. */
    static Map<String, Object> adaptive(Message m) {
        List<Object> body = new ArrayList<>();
        body.add(Map.of("type", "TextBlock", "text", m.headline(), "weight", "Bolder", "size", "Medium", "wrap", true));
        if (m.summary() != null && !m.summary().isBlank()) {
            body.add(Map.of("type", "TextBlock", "text", m.summary(), "wrap", true));
        }
        List<Object> actions = new ArrayList<>();
        if (m.acknowledgeUrl() != null) {
            actions.add(Map.of("type", "Action.OpenUrl", "title", m.acknowledgeLabel(), "url", m.acknowledgeUrl()));
            actions.add(Map.of("type", "Action.OpenUrl", "title", m.resolveLabel(), "url", m.resolveUrl()));
        }
        if (m.subjectLink() != null) {
            actions.add(Map.of("type", "Action.OpenUrl", "title", m.title(), "url", m.subjectLink()));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", body);
        if (!actions.isEmpty()) {
            card.put("actions", actions);
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", ADAPTIVE_CARD);
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "message");
        message.put("attachments", List.of(attachment));
        return message;
    }

    /** The legacy connector's MessageCard with two link actions. */
    static Map<String, Object> messageCard(Message m) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("@type", "MessageCard");
        card.put("@context", "https://schema.org/extensions");
        card.put("summary", m.headline());
        card.put("title", m.headline());
        card.put("text", Senders.text(m).replace("\n", "\n\n"));
        if (m.acknowledgeUrl() != null) {
            card.put(
                    "potentialAction",
                    List.of(
                            openUri(m.acknowledgeLabel(), m.acknowledgeUrl()),
                            openUri(m.resolveLabel(), m.resolveUrl())));
        }
        return card;
    }

    private static Map<String, Object> openUri(String name, String uri) {
        return Map.of("@type", "OpenUri", "name", name, "targets", List.of(Map.of("os", "default", "uri", uri)));
    }
}
