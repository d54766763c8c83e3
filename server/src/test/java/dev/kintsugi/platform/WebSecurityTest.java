package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web UI: login required, CSRF on forms, security headers on every page. */
class WebSecurityTest extends IntegrationTest {

    private HttpResponse<String> raw(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pagesNeedALogin() throws Exception {
        for (String path :
                new String[] {"/", "/incidents", "/incidents/new", "/catalog/services", "/profile", "/admin/users"}) {
            var r = raw(path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.headers().firstValue("Location").orElse("")).as(path).endsWith("/login");
        }
    }

    @Test
    void staticFilesAreServedUnderTheirPrefixesOnly() throws Exception {
        for (var e : Map.of(
                        "/css/kintsugi.css", "text/css",
                        "/js/kintsugi.js", "javascript",
                        "/img/kintsugi.svg", "image/svg+xml",
                        "/webjars/htmx.org/dist/htmx.min.js", "javascript")
                .entrySet()) {
            var r = raw(e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse(""))
                    .as(e.getKey())
                    .contains(e.getValue());
        }
        // pages link their webjars by version (the resource chain still rewrites their URLs)
        String name = unique("static");
        createUser(name, Role.VIEWER, "password-" + name);
        assertThat(WebSession.loggedIn(baseUrl(), name, "password-" + name)
                        .get("/incidents")
                        .body())
                .containsPattern("/webjars/htmx\\.org/[0-9][^/]*/dist/htmx\\.min\\.js");
        // a static file's name elsewhere is no file (Boot's catch-all /** pattern is off)
        assertThat(raw("/kintsugi.css").statusCode()).isIn(302, 404);
        assertThat(raw("/css/none.css").statusCode()).isEqualTo(404);
    }

    @Test
    void securityHeadersAreSet() throws Exception {
        var r = raw("/login");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(r.headers().firstValue("Referrer-Policy")).contains("same-origin");
    }

    @Test
    void formsWithoutCsrfTokenAreRefusedAndWriteNothing() {
        String name = unique("csrf");
        createUser(name, Role.RESPONDER, "password-" + name);
        WebSession session = WebSession.loggedIn(baseUrl(), name, "password-" + name);
        // A forged cross-site form: right session cookie, no token.
        WebSession.Page forged =
                session.postWithoutCsrf("/incidents", Map.of("title", "Forged " + name, "severity", "SEV1"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(apiAs(Role.VIEWER)
                        .get("/api/v1/incidents?q=Forged+" + name)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
    }

    @Test
    void viewersCannotActThroughThePages() {
        String name = unique("viewer");
        createUser(name, Role.VIEWER, "password-" + name);
        WebSession session = WebSession.loggedIn(baseUrl(), name, "password-" + name);
        assertThat(session.get("/incidents/new").status()).isEqualTo(403);
        assertThat(session.post("/incidents", Map.of("title", "Viewer declares", "severity", "SEV1"))
                        .status())
                .isEqualTo(403);
        assertThat(session.get("/admin/users").status()).isEqualTo(403);
    }
}
