package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserApiTest extends IntegrationTest {

    private Map<String, Object> newUser(String username, String role, String password) {
        return Map.of(
                "username", username,
                "displayName", "Grace " + username,
                "email", "someone@example.test",
                "role", role,
                "password", password);
    }

    @Test
    void anAdminCreatesAUserWhoCanThenBeRead() {
        ApiClient admin = apiAs(Role.ADMIN);
        String name = unique("grace");

        var created = admin.post("/api/v1/users", newUser(name, "RESPONDER", "a-long-password"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("username").asString()).isEqualTo(name);
        assertThat(created.json().get("role").asString()).isEqualTo("RESPONDER");
        assertThat(created.json().get("enabled").asBoolean()).isTrue();
        var read = admin.get("/api/v1/users/" + name);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("email").asString()).isEqualTo("someone@example.test");
        assertThat(admin.get("/api/v1/users").json().findValuesAsString("username"))
                .contains(name);
    }

    @Test
    void aDuplicateUsernameIsAConflict() {
        ApiClient admin = apiAs(Role.ADMIN);
        String name = unique("dup");
        assertThat(admin.post("/api/v1/users", newUser(name, "VIEWER", "a-long-password"))
                        .status())
                .isEqualTo(201);

        var again = admin.post("/api/v1/users", newUser(name, "ADMIN", "another-long-password"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("detail").asString()).contains(name);
    }

    @Test
    void anAdminChangesARoleAndTheChangeTakesEffect() {
        ApiClient admin = apiAs(Role.ADMIN);
        String name = createUser(unique("promoted"), Role.VIEWER, "a-long-password");
        ApiClient promoted = apiAs(name);
        assertThat(promoted.get("/api/v1/audit").status()).isEqualTo(403);

        var changed = admin.patch("/api/v1/users/" + name, Map.of("role", "ADMIN"));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("role").asString()).isEqualTo("ADMIN");
        assertThat(promoted.get("/api/v1/audit").status()).isEqualTo(200);
    }

    @Test
    void aDisabledUsersTokenNoLongerWorks() {
        ApiClient admin = apiAs(Role.ADMIN);
        String name = createUser(unique("leaver"), Role.RESPONDER, "a-long-password");
        ApiClient leaver = apiAs(name);
        assertThat(leaver.get("/api/v1/me").status()).isEqualTo(200);

        var disabled = admin.patch("/api/v1/users/" + name, Map.of("enabled", false));

        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(leaver.get("/api/v1/me").status()).isEqualTo(401);

        admin.patch("/api/v1/users/" + name, Map.of("enabled", true));
        assertThat(leaver.get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void theLastEnabledAdminCannotBeDemotedOrDisabled() {
        ApiClient admin = apiAs(Role.ADMIN);
        // Make every other admin a viewer so exactly one enabled admin is left; the shared context is
        // restored afterwards for the other tests.
        String me = admin.get("/api/v1/me").json().get("username").asString();
        var others = users.list().stream()
                .filter(u ->
                        u.role() == Role.ADMIN && u.enabled() && !u.username().equals(me))
                .toList();
        others.forEach(u -> tx.executeWithoutResult(s -> users.setEnabled(u.username(), false)));
        try {
            var demote = admin.patch("/api/v1/users/" + me, Map.of("role", "VIEWER"));
            assertThat(demote.status()).isEqualTo(409);
            assertThat(demote.json().get("detail").asString()).contains("last enabled admin");

            var disable = admin.patch("/api/v1/users/" + me, Map.of("enabled", false));
            assertThat(disable.status()).isEqualTo(409);

            // Refused as a whole: a rename sent with the refused demotion is not applied either.
            var mixed = admin.patch("/api/v1/users/" + me, Map.of("displayName", "Renamed", "role", "VIEWER"));
            assertThat(mixed.status()).isEqualTo(409);
            var after = admin.get("/api/v1/me").json();
            assertThat(after.get("role").asString()).isEqualTo("ADMIN");
            assertThat(after.get("enabled").asBoolean()).isTrue();
            assertThat(after.get("displayName").asString()).isNotEqualTo("Renamed");
        } finally {
            others.forEach(u -> tx.executeWithoutResult(s -> users.setEnabled(u.username(), true)));
        }
    }

    @Test
    void responsesNeverCarryPasswordOrTokenHashes() {
        ApiClient admin = apiAs(Role.ADMIN);
        String name = unique("secretive");
        var created = admin.post("/api/v1/users", newUser(name, "VIEWER", "a-long-password"));
        tx.executeWithoutResult(s -> tokens.create(name, "ci", null));

        for (var r : new ApiClient.Response[] {
            created,
            admin.get("/api/v1/users"),
            admin.get("/api/v1/users/" + name),
            admin.get("/api/v1/users/" + name + "/tokens"),
            admin.get("/api/v1/me"),
            admin.get("/api/v1/me/tokens")
        }) {
            assertThat(r.status()).isBetween(200, 201);
            assertThat(r.body().toLowerCase())
                    .doesNotContain("hash")
                    .doesNotContain("\"password\"")
                    .doesNotContain("{bcrypt}")
                    .doesNotContain("a-long-password");
        }
        assertThat(admin.get("/api/v1/users/" + name + "/tokens").json().get(0).has("value"))
                .isFalse();
    }
}
