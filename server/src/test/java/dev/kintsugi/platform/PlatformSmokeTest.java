package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class PlatformSmokeTest extends IntegrationTest {

    @Test
    void healthIsPublic() {
        var r = anonymousApi().get("/actuator/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void apiWithoutTokenIsRefusedAsProblemDetails() {
        var r = anonymousApi().get("/api/v1/me");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void aWrongTokenIsRefused() {
        var r = new dev.kintsugi.support.ApiClient(baseUrl(), "kts_not-a-real-token").get("/api/v1/me");
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void loginPageIsServed() {
        var r = anonymousApi().get("/login");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("name=\"username\"", "_csrf");
    }
}
