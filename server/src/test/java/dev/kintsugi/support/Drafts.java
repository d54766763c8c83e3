package dev.kintsugi.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The draft post-mortem a resolved incident gets, made by an event listener after the commit. */
public final class Drafts {
    private Drafts() {}

    /** Polls, with a deadline, until the incident's draft exists; answers its id. */
    public static long of(ApiClient api, String incidentKey) {
        AtomicLong id = new AtomicLong();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    var r = api.get("/api/v1/postmortems/by-incident/" + incidentKey);
                    if (r.status() == 200) {
                        id.set(r.json().get("id").asLong());
                        return true;
                    }
                    return false;
                });
        return id.get();
    }
}
