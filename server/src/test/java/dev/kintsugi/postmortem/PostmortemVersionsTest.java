package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.VersionedApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The optimistic-concurrency convention on every other mutable post-mortem resource: the post-mortem itself
 * (content and transitions), its timeline entries and its review meeting answer their version as ETag, and a
 * write with a stale If-Match is answered 412 and changes nothing.
 */
class PostmortemVersionsTest extends PostmortemFixtures {
    private String author;
    private long id;
    private VersionedApi http;

    @BeforeEach
    void setUp() {
        author = responder();
        String token = tx.execute(s -> tokens.create(author, "test", null).value());
        http = new VersionedApi(baseUrl(), token);
        var started = http.send(
                "POST",
                "/api/v1/postmortems",
                Map.of("origin", "NEAR_MISS", "title", "Almost expired certificate", "severity", "SEV3"),
                null);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        id = started.json().get("id").asLong();
        assertThat(started.etag())
                .isEqualTo("\"" + started.json().get("version").asLong() + "\"");
    }

    private Map<String, Object> content(String summary) {
        return Map.of(
                "content",
                Map.of(
                        "title",
                        "Almost expired certificate",
                        "severity",
                        "SEV3",
                        "facilitator",
                        author,
                        "owner",
                        author,
                        "summary",
                        summary,
                        "participants",
                        List.of(author)));
    }

    @Test
    void thePostmortemsContentAndTransitionsHonourIfMatch() {
        String path = "/api/v1/postmortems/" + id;
        var read = http.get(path);
        assertThat(read.etag()).isEqualTo("\"" + read.json().get("version").asLong() + "\"");

        var saved = http.send("PUT", path, content("Renewal alerts went to an old list"), read.etag());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.etag()).isNotEqualTo(read.etag());

        var stale = http.send("PUT", path, content("Someone else's idea"), read.etag());
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(stale.isProblem()).isTrue();
        assertThat(stale.json().get("field").asString()).isEqualTo("If-Match");
        assertThat(stale.etag()).isEqualTo(saved.etag());
        var now = http.get(path);
        assertThat(now.json().get("content").get("summary").asString()).isEqualTo("Renewal alerts went to an old list");
        assertThat(now.json().get("revision").asInt())
                .isEqualTo(saved.json().get("revision").asInt());

        var staleMove = http.send("POST", path + "/transitions", Map.of("to", "IN_REVIEW"), read.etag());
        assertThat(staleMove.status()).as(staleMove.body()).isEqualTo(412);
        assertThat(http.get(path).json().get("status").asString()).isEqualTo("DRAFT");
        var moved = http.send("POST", path + "/transitions", Map.of("to", "IN_REVIEW"), saved.etag());
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.json().get("status").asString()).isEqualTo("IN_REVIEW");
        assertThat(moved.etag()).isNotEqualTo(saved.etag());
    }

    @Test
    void timelineEntriesHaveTheirOwnVersion() {
        String path = "/api/v1/postmortems/" + id + "/timeline";
        var added = http.send("POST", path, Map.of("occurredAt", "2026-01-10T10:00:00Z", "body", "Paged"), null);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        String entry = path + "/" + added.json().get("id").asLong();
        assertThat(http.get(entry).etag()).isEqualTo(added.etag());

        var edit = Map.of("occurredAt", "2026-01-10T10:01:00Z", "body", "Paged twice");
        var edited = http.send("PUT", entry, edit, added.etag());
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.etag()).isNotEqualTo(added.etag());

        var stale = http.send("PUT", entry, Map.of("occurredAt", "2026-01-10T10:02:00Z", "body", "Lost"), added.etag());
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        var staleDelete = http.send("DELETE", entry, null, added.etag());
        assertThat(staleDelete.status()).as(staleDelete.body()).isEqualTo(412);
        assertThat(http.get(entry).json().get("body").asString()).isEqualTo("Paged twice");

        assertThat(http.send("DELETE", entry, null, edited.etag()).status()).isEqualTo(204);
        assertThat(http.get(entry).status()).isEqualTo(404);
    }

    @Test
    void theReviewMeetingHasItsVersion() {
        String path = "/api/v1/postmortems/" + id + "/review-meeting";
        var planned = http.send("PUT", path, Map.of("startsAt", "2030-01-10T14:00:00Z", "durationMinutes", 45), null);
        assertThat(planned.status()).as(planned.body()).isEqualTo(200);
        assertThat(http.get(path).etag()).isEqualTo(planned.etag());

        var moved = http.send("PUT", path, Map.of("startsAt", "2030-01-11T14:00:00Z"), planned.etag());
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        var stale = http.send("PUT", path, Map.of("startsAt", "2030-01-12T14:00:00Z"), planned.etag());
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(stale.isProblem()).isTrue();
        assertThat(http.get(path).json().get("startsAt").asString()).isEqualTo("2030-01-11T14:00:00Z");
    }
}
