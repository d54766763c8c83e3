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
        assertThat(r.body()).as("no demo accounts outside demo mode").doesNotContain("demo-logins", "kintsugi-demo");
    }

    @Test
    void theApiDescriptionDocumentsThePlatformEndpoints() {
        // The description is part of the web UI (behind the login), next to Swagger UI.
        String name = createUser(unique("reader"), Role.VIEWER, "a-long-password");
        var web = new dev.kintsugi.support.WebSession(baseUrl());
        web.login(name, "a-long-password");
        var r = web.get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        var paths = dev.kintsugi.support.ApiClient.JSON.readTree(r.body()).get("paths");
        assertThat(paths.has("/api/v1/me")).isTrue();
        assertThat(paths.has("/api/v1/me/tokens/{id}")).isTrue();
        assertThat(paths.has("/api/v1/users/{username}/tokens/{id}")).isTrue();
        assertThat(paths.get("/api/v1/audit").get("get").get("summary").asString())
                .isNotBlank();
    }
}
