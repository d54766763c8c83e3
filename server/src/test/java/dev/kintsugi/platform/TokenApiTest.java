package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenApiTest extends IntegrationTest {

    @Test
    void createListAndRevokeOwnToken() {
        ApiClient me = apiAs(Role.VIEWER);
        Instant expires = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        var created = me.post("/api/v1/me/tokens", Map.of("name", "laptop", "expiresAt", expires.toString()));

        assertThat(created.status()).isEqualTo(201);
        String value = created.json().get("value").asString();
        long id = created.json().get("id").asLong();
        assertThat(value).startsWith(ApiTokens.PREFIX);
        assertThat(created.json().get("prefix").asString()).isEqualTo(value.substring(0, 8));
        assertThat(Instant.parse(created.json().get("expiresAt").asString())).isEqualTo(expires);
        assertThat(created.json().get("status").asString()).isEqualTo("ACTIVE");

        ApiClient withNewToken = new ApiClient(baseUrl(), value);
        assertThat(withNewToken.get("/api/v1/me").status()).isEqualTo(200);

        var list = me.get("/api/v1/me/tokens");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsString("name")).contains("laptop", "test");
        assertThat(list.body()).doesNotContain(value);

        var revoked = me.delete("/api/v1/me/tokens/" + id);

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(withNewToken.get("/api/v1/me").status()).isEqualTo(401);
        var after = me.get("/api/v1/me/tokens").json();
        for (var t : after) {
            if (t.get("id").asLong() == id) {
                assertThat(t.get("status").asString()).isEqualTo("REVOKED");
                assertThat(t.has("revokedAt")).isTrue();
            }
        }
    }

    @Test
    void anExpiryInThePastIsRefused() {
        ApiClient me = apiAs(Role.RESPONDER);

        var r = me.post(
                "/api/v1/me/tokens",
                Map.of(
                        "name",
                        "stale",
                        "expiresAt",
                        Instant.now().minusSeconds(60).toString()));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("expiresAt");
    }

    @Test
    void someoneElsesTokenCannotBeRevoked() {
        String victim = createUser(unique("victim"), Role.VIEWER, "a-long-password");
        var token = tx.execute(s -> tokens.create(victim, "ci", null));
        ApiClient attacker = apiAs(Role.CHAOS_ENGINEER);

        var r = attacker.delete("/api/v1/me/tokens/" + token.token().id());

        assertThat(r.status()).isEqualTo(404);
        assertThat(new ApiClient(baseUrl(), token.value()).get("/api/v1/me").status())
                .isEqualTo(200);
    }

    @Test
    void anAdminListsAndRevokesTheTokensOfOthers() {
        String owner = createUser(unique("owner"), Role.RESPONDER, "a-long-password");
        var token = tx.execute(s -> tokens.create(owner, "pipeline", null));
        ApiClient admin = apiAs(Role.ADMIN);

        var list = admin.get("/api/v1/users/" + owner + "/tokens");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsString("name")).containsExactly("pipeline");
        assertThat(list.json().get(0).get("owner").asString()).isEqualTo(owner);

        // The token must belong to the user named in the path.
        String other = createUser(unique("other"), Role.VIEWER, "a-long-password");
        assertThat(admin.delete("/api/v1/users/" + other + "/tokens/"
                                + token.token().id())
                        .status())
                .isEqualTo(404);

        var revoked = admin.delete(
                "/api/v1/users/" + owner + "/tokens/" + token.token().id());
        assertThat(revoked.status()).isEqualTo(204);
        assertThat(new ApiClient(baseUrl(), token.value()).get("/api/v1/me").status())
                .isEqualTo(401);
    }
}
