package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.EventStream;
import dev.kintsugi.support.Instances;
import dev.kintsugi.support.OwnDatabase;
import dev.kintsugi.support.WebSession;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two Kintsugi servers on one database (a PostgreSQL cluster of its own on the suite's PostgreSQL pass, where
 * {@code LISTEN/NOTIFY} wakes the followers; H2 over TCP otherwise, where they poll): an incident page open on B
 * receives, through its server-sent-event stream, the timeline change made through A's API; on PostgreSQL it keeps
 * receiving after the database restarts (B's LISTEN connection reconnects).
 */
class LiveUpdatesAcrossInstancesTest {

    @Test
    void aPageOpenOnOneInstanceSeesAChangeMadeThroughAnother() {
        try (OwnDatabase db = OwnDatabase.forThisPass("live_two").start();
                Instances instances = new Instances(db)) {
            ConfigurableApplicationContext a = instances.start("kintsugi-a");
            // on PostgreSQL, B does not poll within the test: only LISTEN/NOTIFY can wake it
            ConfigurableApplicationContext b = db.kind().equals("PostgreSQL")
                    ? instances.start("kintsugi-b", "--kintsugi.cluster.poll-interval=1h")
                    : instances.start("kintsugi-b");
            String token = Actor.runAsSystem(
                    "two-instance live test setup",
                    () -> new TransactionTemplate(a.getBean(PlatformTransactionManager.class)).execute(s -> {
                        UserManagement users = a.getBean(UserManagement.class);
                        users.create(new UserManagement.NewUser(
                                "rita-live", "Rita", "rita-live@example.test", Role.RESPONDER, "password-rita-live"));
                        users.create(new UserManagement.NewUser(
                                "vic-live", "Vic", "vic-live@example.test", Role.VIEWER, "password-vic-live"));
                        return a.getBean(ApiTokens.class)
                                .create("rita-live", "test", null)
                                .value();
                    }));
            ApiClient onA = new ApiClient(Instances.baseUrl(a), token);
            var declared =
                    onA.post("/api/v1/incidents", Map.of("title", "Seen from the other instance", "severity", "SEV3"));
            assertThat(declared.status()).as(declared.body()).isEqualTo(201);
            String key = declared.json().get("key").asString();
            String topic = "incident:" + declared.json().get("id").asLong();

            LiveUpdates liveOnB = b.getBean(LiveUpdates.class);
            WebSession viewerOnB = WebSession.loggedIn(Instances.baseUrl(b), "vic-live", "password-vic-live");
            try (EventStream stream = EventStream.open(viewerOnB, "/incidents/" + key + "/stream")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> liveOnB.subscribers(topic) == 1);
                assertThat(a.getBean(LiveUpdates.class).subscribers(topic)).isZero();

                var note = onA.post("/api/v1/incidents/" + key + "/timeline", Map.of("body", "Written on A"));
                assertThat(note.status()).as(note.body()).isEqualTo(201);

                await().atMost(Duration.ofSeconds(30))
                        .until(() -> stream.received().stream().anyMatch(e -> e.startsWith("timeline: ")));

                if (!db.kind().equals("PostgreSQL")) {
                    return; // on H2 the followers only poll: nothing to reconnect
                }
                // PostgreSQL goes away and comes back: B's LISTEN connection reconnects, the page keeps receiving
                db.stop();
                db.start();
                int before = stream.received().size();
                await().atMost(Duration.ofSeconds(60))
                        .ignoreExceptions()
                        .until(() ->
                                onA.post("/api/v1/incidents/" + key + "/timeline", Map.of("body", "After the outage"))
                                                .status()
                                        == 201);
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> stream.received().stream().skip(before).anyMatch(e -> e.startsWith("timeline: ")));
            }
        }
    }
}
