package dev.kintsugi.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.EventStream;
import dev.kintsugi.support.WebSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The index is derived data: deleted or damaged, it is rebuilt from the modules (as at start-up), with its progress
 * shown; an admin can ask for a rebuild on the page and through the API.
 */
class SearchRebuildTest extends SearchTestSupport {
    @Autowired
    SearchIndex index;

    @Autowired
    SearchStartup startup;

    @Autowired
    SearchChanges changes;

    @Test
    void aDeletedIndexIsRebuiltWithItsProgress() throws IOException {
        ApiClient admin = apiAs(Role.ADMIN);
        String w = word();
        String key = declare(admin, w + " before the loss", "Indexed once", "SEV3", List.of(), false);
        searchUntil(admin, "q=" + w, r -> refs(r).contains(key));

        // on the index's thread, so that no change of another test writes files meanwhile
        changes.onIndexThread(() -> {
            index.destroy();
            deleteTree(index.dir());
        });
        RebuildProgress started = startup.check();
        assertThat(started.running() || started.finishedAt() != null).isTrue();
        assertThat(started.reason()).contains("missing or unreadable");

        JsonNode done = finished(admin);
        assertThat(done.get("done").asLong()).isPositive();
        assertThat(done.get("percent").asInt()).isEqualTo(100);
        assertThat(refs(search(admin, "q=" + w))).contains(key);
        // and the index follows changes again
        String after = word();
        String later = declare(admin, after + " after the rebuild", "Indexed again", "SEV3", List.of(), false);
        searchUntil(admin, "q=" + after, r -> refs(r).contains(later));
    }

    @Test
    void aDamagedIndexIsRebuilt() throws IOException {
        ApiClient admin = apiAs(Role.ADMIN);
        String w = word();
        String key = declare(admin, w + " before the damage", "Indexed once", "SEV3", List.of(), false);
        searchUntil(admin, "q=" + w, r -> refs(r).contains(key));

        changes.onIndexThread(() -> {
            index.destroy();
            try (Stream<Path> files = Files.list(index.dir())) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    if (!p.getFileName().toString().equals("write.lock")) {
                        Files.write(p, "not a Lucene file".getBytes());
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        RebuildProgress started = startup.check();
        assertThat(started.reason()).contains("missing or unreadable");
        finished(admin);
        assertThat(refs(search(admin, "q=" + w))).contains(key);
    }

    @Test
    void anAdminRebuildsOnThePageAndWatchesItsProgress() {
        String name = unique("admin");
        createUser(name, Role.ADMIN, "password-" + name);
        ApiClient admin = apiAs(name);
        String w = word();
        String key = declare(admin, w + " kept across rebuilds", "Still here", "SEV4", List.of(), false);
        searchUntil(admin, "q=" + w, r -> refs(r).contains(key));

        WebSession web = WebSession.loggedIn(baseUrl(), name, "password-" + name);
        var page = web.get("/admin/search");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"search-rebuild\"")
                .contains("search-progress")
                .contains("sse-connect=\"/admin/search/stream\"")
                .contains("hx-trigger=\"sse:progress\"");
        try (EventStream live = EventStream.open(web, "/admin/search/stream")) {
            var posted = web.post("/admin/search/rebuild", Map.of());
            assertThat(posted.status()).isEqualTo(302);
            // pushed, not polled: the stream announces the rebuild's progress, up to its end
            await().atMost(DEADLINE)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> live.received().contains("progress: done"));
        }
        assertThat(web.get("/admin/search/progress").body()).contains("search-progress-done");
        assertThat(refs(search(admin, "q=" + w))).contains(key);
        // the API too, answering 202 with the progress
        var r = admin.post("/api/v1/search/rebuild", Map.of());
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.json().get("running").asBoolean()).isTrue();
        finished(admin);
        // audited
        var audit = admin.get("/api/v1/audit?action=search.rebuild-requested");
        assertThat(audit.body()).contains("search.rebuild-requested");
        // not for others
        String viewer = unique("viewer");
        createUser(viewer, Role.VIEWER, "password-" + viewer);
        assertThat(WebSession.loggedIn(baseUrl(), viewer, "password-" + viewer)
                        .get("/admin/search")
                        .status())
                .isEqualTo(403);
    }

    private static JsonNode finished(ApiClient admin) {
        return await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> admin.get("/api/v1/search/rebuild").json(),
                        p -> !p.get("running").asBoolean() && p.has("finishedAt"));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
