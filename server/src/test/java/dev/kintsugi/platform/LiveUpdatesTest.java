package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.EventStream;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The live-update hub through real server-sent-event connections: an HTTP client reads an incident page's stream
 * from the running server. Order on one stream is the order of sending, so a marker published outside any
 * transaction proves what had (not) been sent before it, with no sleeping.
 */
class LiveUpdatesTest extends IntegrationTest {
    @Autowired
    LiveUpdates live;

    private final List<EventStream> streams = new ArrayList<>();

    @AfterEach
    void stop() {
        streams.forEach(EventStream::close);
    }

    /** The "event: data" pairs received on the stream, in order. */
    private List<String> follow(WebSession session, String path) {
        EventStream stream = EventStream.open(session, path);
        streams.add(stream);
        return stream.received();
    }

    private record Followed(String key, String topic, List<String> received) {}

    private Followed incidentStream() {
        ApiClient responder = apiAs(Role.RESPONDER);
        var declared = responder.post("/api/v1/incidents", Map.of("title", "Live hub check", "severity", "SEV4"));
        assertThat(declared.status()).isEqualTo(201);
        String key = declared.json().get("key").asString();
        String topic = "incident:" + declared.json().get("id").asLong();
        String viewer = createUser(unique("live"), Role.VIEWER, "password-live-viewer");
        WebSession session = WebSession.loggedIn(baseUrl(), viewer, "password-live-viewer");
        int before = live.subscribers(topic);
        List<String> received = follow(session, "/incidents/" + key + "/stream");
        await().atMost(Duration.ofSeconds(30)).until(() -> live.subscribers(topic) == before + 1);
        return new Followed(key, topic, received);
    }

    private void marker(String topic, String name, List<String> received) {
        live.publish(topic, "marker", name);
        await().atMost(Duration.ofSeconds(30)).until(() -> received.contains("marker: " + name));
    }

    @Test
    void anEventPublishedInATransactionArrivesOnlyAfterCommit() {
        Followed s = incidentStream();
        tx.executeWithoutResult(status -> {
            live.publish(s.topic(), "timeline", "in-transaction");
            // delivered at once from outside the transaction (another thread has none)
            Thread other = Thread.ofVirtual().start(() -> live.publish(s.topic(), "marker", "before-commit"));
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> s.received().contains("marker: before-commit"));
            assertThat(s.received()).doesNotContain("timeline: in-transaction");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> s.received().contains("timeline: in-transaction"));
        assertThat(s.received()).containsSubsequence("marker: before-commit", "timeline: in-transaction");
    }

    @Test
    void anEventPublishedInARolledBackTransactionNeverArrives() {
        Followed s = incidentStream();
        tx.executeWithoutResult(status -> {
            live.publish(s.topic(), "timeline", "rolled-back");
            status.setRollbackOnly();
        });
        marker(s.topic(), "after-rollback", s.received());
        assertThat(s.received()).doesNotContain("timeline: rolled-back");
    }

    @Test
    void anIncidentChangeReachesItsPageStreamAndNoOther() {
        Followed watched = incidentStream();
        Followed other = incidentStream();
        ApiClient responder = apiAs(Role.RESPONDER);
        var note = responder.post("/api/v1/incidents/" + watched.key() + "/timeline", Map.of("body", "Seen live"));
        assertThat(note.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> watched.received().stream().anyMatch(e -> e.startsWith("timeline: ")));
        marker(other.topic(), "quiet", other.received());
        assertThat(other.received()).noneMatch(e -> e.startsWith("timeline: "));
    }

    @Test
    void topicsAndEventsAreChecked() {
        assertThatThrownBy(() -> live.publish("no topic", "x", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> live.publish("incident:1", "a\nb", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> live.publish("incident:1", "timeline", "a\ndata: x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
