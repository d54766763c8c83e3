package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The language check changes nothing, so a VIEWER may use it, through the API as on the pages. */
class ViewerLanguageCheckTest extends IntegrationTest {

    @Test
    void aViewerGetsTheLanguageCheckThroughTheApi() {
        var r = apiAs(Role.VIEWER)
                .post("/api/v1/postmortems/language-check", Map.of("text", "Bob should have checked the config."));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        assertThat(r.json().size()).isPositive();
    }

    @Test
    void aViewerGetsItOnThePagesToo() {
        String name = unique("viewer");
        createUser(name, Role.VIEWER, "password-" + name);
        WebSession session = WebSession.loggedIn(baseUrl(), name, "password-" + name);
        var page = session.postHtmx(
                "/postmortems/language-check",
                Map.of("field", "summary", "summary", "Bob should have checked the config."));
        assertThat(page.status()).isEqualTo(200);
    }

    @Test
    void otherPostmortemWritesStayClosedToViewers() {
        var r = apiAs(Role.VIEWER).post("/api/v1/postmortems", Map.of("incident", "INC-1"));
        assertThat(r.status()).isEqualTo(403);
    }
}
