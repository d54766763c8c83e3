package dev.kintsugi.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One accepted webhook call, normalised: what the spool stores and replays. {@code id} is the idempotency key (one
 * per accepted call): an event replayed after a crash is recognised and applied once. {@code dedupKey} names the
 * alert group (Alertmanager's {@code groupKey}, PagerDuty's {@code dedup_key}, Opsgenie's {@code alias}, the
 * generic mapping's key); {@code items} are the individual alerts it carried (Alertmanager sends several).
 */
public record AlertEvent(
        String id,
        long integrationId,
        Instant receivedAt,
        Action action,
        String dedupKey,
        String title,
        String sourceSeverity,
        String service,
        Map<String, String> labels,
        List<Link> links,
        List<Item> items,
        String note,
        String user) {
    public AlertEvent {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        links = links == null ? List.of() : List.copyOf(links);
        items = items == null ? List.of() : List.copyOf(items);
    }

    public enum Action {
        TRIGGER,
        ACKNOWLEDGE,
        RESOLVE,
        NOTE,
        CHANGE
    }

    /** A link the sender gave (generator URL, runbook, dashboard, PagerDuty links and images). */
    public record Link(String href, String text) {}

    /** One alert inside the call: its fingerprint, whether it fires, its summary and labels. */
    public record Item(String fingerprint, boolean firing, String summary, Map<String, String> labels) {
        public Item {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }
}
