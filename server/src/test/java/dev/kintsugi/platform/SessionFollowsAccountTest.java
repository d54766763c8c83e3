package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A web session has the rights its account has now, not the ones it had at login. */
class SessionFollowsAccountTest extends IntegrationTest {

    private String user(Role role) {
        String name = unique(role.name().toLowerCase().replace('_', '-'));
        return createUser(name, role, "password-" + name);
    }

    private WebSession login(String name) {
        return WebSession.loggedIn(baseUrl(), name, "password-" + name);
    }

    private static boolean sentToLogin(WebSession.Page page) {
        return page.status() == 302
                && page.location() != null
                && page.location().endsWith("/login");
    }

    @Test
    void aDemotedThenDisabledAdminCannotChangeRolesFromTheSessionOpenedBefore() {
        String admin = user(Role.ADMIN);
        String target = user(Role.VIEWER);
        WebSession session = login(admin);
        assertThat(session.get("/admin/users").status()).isEqualTo(200);

        ApiClient otherAdmin = apiAs(Role.ADMIN);
        assertThat(otherAdmin
                        .patch("/api/v1/users/" + admin, Map.of("role", "VIEWER"))
                        .status())
                .isEqualTo(200);
        var refused = session.post("/admin/users/" + target + "/role", Map.of("role", "ADMIN"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(session.get("/admin/users").status()).isEqualTo(403);

        assertThat(otherAdmin
                        .patch("/api/v1/users/" + admin, Map.of("enabled", false))
                        .status())
                .isEqualTo(200);
        assertThat(sentToLogin(session.get("/"))).isTrue();
        assertThat(users.get(target).role()).isEqualTo(Role.VIEWER);
    }

    @Test
    void aPromotionTakesEffectOnTheNextRequestToo() {
        String name = user(Role.VIEWER);
        WebSession session = login(name);
        assertThat(session.get("/incidents/new").status()).isEqualTo(403);
        apiAs(Role.ADMIN).patch("/api/v1/users/" + name, Map.of("role", "RESPONDER"));
        assertThat(session.get("/incidents/new").status()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsAndKeepsThisOne() {
        String name = user(Role.RESPONDER);
        WebSession here = login(name);
        WebSession elsewhere = login(name);
        here.get("/profile/password");
        var changed = here.post(
                "/profile/password",
                Map.of(
                        "currentPassword", "password-" + name,
                        "newPassword", "a-new-password-" + name,
                        "confirmPassword", "a-new-password-" + name));
        assertThat(changed.status()).isEqualTo(302);
        assertThat(changed.location()).doesNotContain("login");

        assertThat(here.get("/profile").status()).isEqualTo(200);
        assertThat(sentToLogin(elsewhere.get("/profile"))).isTrue();
        // The ended session stays ended; the new password opens a new one.
        assertThat(sentToLogin(elsewhere.get("/"))).isTrue();
        WebSession.loggedIn(baseUrl(), name, "a-new-password-" + name);
    }

    @Test
    void anAdminsPasswordResetEndsEverySession() {
        String name = user(Role.RESPONDER);
        WebSession session = login(name);
        tx.executeWithoutResult(s -> users.resetPassword(name, "one-time-password", true));
        assertThat(sentToLogin(session.get("/"))).isTrue();
    }

    @Test
    void logOutEverywhereEndsEverySessionOfTheAccountAndIsAudited() {
        String name = user(Role.VIEWER);
        String other = user(Role.VIEWER);
        WebSession here = login(name);
        WebSession elsewhere = login(name);
        WebSession someoneElse = login(other);
        here.get("/profile");
        var ended = here.post("/profile/sessions/end", Map.of());
        assertThat(ended.status()).isEqualTo(302);
        assertThat(ended.location()).endsWith("/login?ended");

        assertThat(sentToLogin(here.get("/"))).isTrue();
        assertThat(sentToLogin(elsewhere.get("/"))).isTrue();
        assertThat(someoneElse.get("/").status()).isEqualTo(200);
        assertThat(apiAs(Role.ADMIN)
                        .get("/api/v1/audit?action=user.sessions-ended&targetId=" + name)
                        .body())
                .contains("user.sessions-ended", name);
        // An API token is not a session: it goes on working (revoke tokens on the profile page).
        assertThat(apiAs(name).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void userWritesHonourIfMatchAndAnswer412WhenStale() throws Exception {
        String name = user(Role.VIEWER);
        String admin = user(Role.ADMIN);
        String token = tx.execute(s -> tokens.create(admin, "etag", null).value());
        HttpResponse<String> read = raw("GET", "/api/v1/users/" + name, token, null, null);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertThat(etag)
                .isEqualTo("\""
                        + ApiClient.JSON.readTree(read.body()).get("version").asLong() + "\"");

        HttpResponse<String> first = raw("PATCH", "/api/v1/users/" + name, token, etag, "{\"displayName\":\"First\"}");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);

        HttpResponse<String> stale = raw("PATCH", "/api/v1/users/" + name, token, etag, "{\"role\":\"ADMIN\"}");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body()).contains("\"field\":\"If-Match\"");
        assertThat(users.get(name).role()).isEqualTo(Role.VIEWER);
        assertThat(users.get(name).displayName()).isEqualTo("First");
    }

    @Test
    void yourOwnAccountHonoursIfMatchToo() throws Exception {
        String name = user(Role.VIEWER);
        String token = tx.execute(s -> tokens.create(name, "me", null).value());
        String etag = raw("GET", "/api/v1/me", token, null, null)
                .headers()
                .firstValue("ETag")
                .orElseThrow();
        assertThat(raw("PATCH", "/api/v1/me", token, etag, "{\"timeZone\":\"Europe/Paris\"}")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> stale = raw("PATCH", "/api/v1/me", token, etag, "{\"timeZone\":\"Asia/Tokyo\"}");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(users.get(name).timeZone()).isEqualTo("Europe/Paris");
    }

    @Test
    void concurrentUserWritesNeverLoseOneAnother() throws Exception {
        String name = user(Role.VIEWER);
        ApiClient admin = apiAs(Role.ADMIN);
        long before = users.get(name).version();
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ApiClient.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String displayName = "Name " + i;
                Callable<ApiClient.Response> write =
                        () -> admin.patch("/api/v1/users/" + name, Map.of("displayName", displayName));
                answers.add(pool.submit(write));
            }
            int ok = 0;
            for (var answer : answers) {
                var r = answer.get();
                assertThat(r.status()).as(r.body()).isIn(200, 409);
                ok += r.status() == 200 ? 1 : 0;
            }
            // Every accepted write is one version: none was silently overwritten.
            assertThat(users.get(name).version()).isEqualTo(before + ok);
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpResponse<String> raw(String method, String path, String token, String ifMatch, String body)
            throws Exception {
        var b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
