package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.VersionedApi;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 3: parallel PATCHes of different fields of one countermeasure through the real HTTP API. No
 * change answered 200 may be lost; every other answer is a 409 or 412 problem detail. Then the If-Match side of
 * the convention: a stale ETag is answered 412 and changes nothing.
 */
class CountermeasureConcurrencyTest extends PostmortemFixtures {
    private static final int ROUNDS = 4;

    private record Patch(int round, VersionedApi.Response answer) {}

    @Test
    void parallelPatchesOfDifferentFieldsLoseNoAcceptedChange() throws Exception {
        String author = responder();
        List<String> teams = List.of(team(author), team(author), team(author), team(author));
        Postmortem pm = draft(author);
        VersionedApi http = http(author);
        Map<String, Object> create = new HashMap<>();
        create.put("title", "Alert on pool saturation");
        create.put("kind", "TELEMETRY_OR_ALERT");
        create.put("ownerUser", author);
        create.put("dueDate", "2030-01-01");
        create.put("priority", "P2");
        var created = http.send("POST", "/api/v1/postmortems/" + pm.id() + "/countermeasures", create, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        int initialVersion = created.json().get("version").asInt();
        assertThat(created.etag()).isEqualTo("\"" + initialVersion + "\"");
        String path = "/api/v1/countermeasures/" + id;

        // Eight fields, each owned by one thread; round r sets a value unique to (field, r).
        Map<String, IntFunction<String>> fields = new LinkedHashMap<>();
        fields.put("title", r -> "Alert on pool saturation, round " + r);
        fields.put("description", r -> "Page the on-call, round " + r);
        fields.put("dueDate", r -> LocalDate.of(2030, 2, 10 + r).toString());
        fields.put("priority", r -> List.of("P1", "P3", "P4", "P1").get(r));
        fields.put("ticketKey", r -> "OPS-" + r);
        fields.put("ticketUrl", r -> "https://tracker.example.test/OPS-" + r);
        fields.put(
                "kind",
                r -> List.of("AUTOMATED_TEST", "DESIGN_CHANGE", "OTHER", "AUTOMATED_TEST")
                        .get(r));
        fields.put("ownerTeam", teams::get);

        CyclicBarrier start = new CyclicBarrier(fields.size());
        ExecutorService pool = Executors.newFixedThreadPool(fields.size());
        Map<String, Future<List<Patch>>> results = new LinkedHashMap<>();
        try {
            for (var f : fields.entrySet()) {
                results.put(f.getKey(), pool.submit(() -> {
                    List<Patch> answers = new ArrayList<>();
                    for (int r = 0; r < ROUNDS; r++) {
                        start.await(60, TimeUnit.SECONDS);
                        answers.add(new Patch(
                                r,
                                http.send(
                                        "PATCH",
                                        path,
                                        Map.of(f.getKey(), f.getValue().apply(r)),
                                        null)));
                    }
                    return answers;
                }));
            }
            Map<String, List<Patch>> answered = new LinkedHashMap<>();
            for (var r : results.entrySet()) {
                answered.put(r.getKey(), r.getValue().get(120, TimeUnit.SECONDS));
            }
            FinalState finalState = new FinalState(http.get(path));
            int accepted = 0;
            int changes = 0;
            for (var f : fields.entrySet()) {
                List<Patch> answers = answered.get(f.getKey());
                String expected = null;
                // a field's writes come from one thread in round order: an accepted write that sets the value the
                // field already has (a round whose value repeats an earlier one) changes nothing and makes no version
                String previous = created.json().has(f.getKey())
                                && !created.json().get(f.getKey()).isNull()
                        ? created.json().get(f.getKey()).asString()
                        : null;
                for (Patch p : answers) {
                    var a = p.answer();
                    if (a.status() == 200) {
                        accepted++;
                        expected = f.getValue().apply(p.round());
                        if (!expected.equals(previous)) {
                            changes++;
                        }
                        previous = expected;
                        assertThat(a.json().get(f.getKey()).asString())
                                .as("the 200 answer shows its own change")
                                .isEqualTo(expected);
                        assertThat(a.etag())
                                .isEqualTo("\"" + a.json().get("version").asInt() + "\"");
                    } else {
                        assertThat(a.status()).as(a.toString()).isIn(409, 412);
                        assertThat(a.isProblem()).as(a.toString()).isTrue();
                    }
                }
                if (expected != null) {
                    assertThat(finalState.text(f.getKey()))
                            .as("the last accepted change of " + f.getKey() + " is kept")
                            .isEqualTo(expected);
                }
            }
            assertThat(accepted).as("at least one write per round gets through").isGreaterThanOrEqualTo(ROUNDS);
            assertThat(finalState.version())
                    .as("one version per accepted change: none was silently overwritten")
                    .isEqualTo(initialVersion + changes);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The final state, read once all threads are done. */
    private record FinalState(VersionedApi.Response answer) {
        String text(String field) {
            return answer.json().get(field).asString();
        }

        int version() {
            return answer.json().get("version").asInt();
        }
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndChangesNothing() {
        String author = responder();
        Postmortem pm = draft(author);
        VersionedApi http = http(author);
        var created = http.send(
                "POST",
                "/api/v1/postmortems/" + pm.id() + "/countermeasures",
                Map.of(
                        "title",
                        "Alert on pool saturation",
                        "kind",
                        "TELEMETRY_OR_ALERT",
                        "ownerUser",
                        author,
                        "dueDate",
                        "2030-01-01"),
                null);
        String path = "/api/v1/countermeasures/" + created.json().get("id").asLong();
        String etag = http.get(path).etag();
        assertThat(etag).isEqualTo(created.etag());

        var first = http.send("PATCH", path, Map.of("priority", "P1"), etag);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.etag()).isNotEqualTo(etag);

        var stale = http.send("PATCH", path, Map.of("title", "Alert on pool saturation at 80 %"), etag);
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(stale.isProblem()).isTrue();
        assertThat(stale.json().get("field").asString()).isEqualTo("If-Match");
        assertThat(stale.json().get("currentVersion").asInt())
                .isEqualTo(first.json().get("version").asInt());
        assertThat(stale.etag()).isEqualTo(first.etag());
        assertThat(http.get(path).json().get("title").asString()).isEqualTo("Alert on pool saturation");

        var malformed = http.send("PATCH", path, Map.of("priority", "P3"), "yesterday");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("field").asString()).isEqualTo("If-Match");

        var fresh = http.send("PATCH", path, Map.of("title", "Alert on pool saturation at 80 %"), first.etag());
        assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
        assertThat(fresh.json().get("title").asString()).isEqualTo("Alert on pool saturation at 80 %");
    }

    private VersionedApi http(String user) {
        String token = tx.execute(s -> tokens.create(user, "test", null).value());
        return new VersionedApi(baseUrl(), token);
    }
}
