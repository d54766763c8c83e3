package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuditApiTest extends IntegrationTest {

    @Test
    void aStateChangeIsRecordedWithActorActionAndStates() {
        ApiClient admin = apiAs(Role.ADMIN);
        String adminName = admin.get("/api/v1/me").json().get("username").asString();
        String target = createUser(unique("audited"), Role.VIEWER, "a-long-password");

        assertThat(admin.patch("/api/v1/users/" + target, Map.of("role", "RESPONDER"))
                        .status())
                .isEqualTo(200);

        var r = admin.get("/api/v1/audit?targetType=user&targetId=" + target + "&action=user.role");
        assertThat(r.status()).isEqualTo(200);
        JsonNode page = r.json();
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("page").asInt()).isZero();
        JsonNode entry = page.get("items").get(0);
        assertThat(entry.get("actor").asString()).isEqualTo(adminName);
        assertThat(entry.get("action").asString()).isEqualTo("user.role-changed");
        assertThat(entry.get("before").get("role").asString()).isEqualTo("VIEWER");
        assertThat(entry.get("after").get("role").asString()).isEqualTo("RESPONDER");
        assertThat(entry.has("occurredAt")).isTrue();
    }

    @Test
    void filtersNarrowTheEntries() {
        ApiClient admin = apiAs(Role.ADMIN);
        String actor = admin.get("/api/v1/me").json().get("username").asString();
        Instant before = Instant.now().minusSeconds(1);
        String target = createUser(unique("filtered"), Role.VIEWER, "a-long-password");
        admin.patch("/api/v1/users/" + target, Map.of("enabled", false));
        admin.patch("/api/v1/users/" + target, Map.of("enabled", true));

        var byTarget = admin.get("/api/v1/audit?targetId=" + target).json();
        assertThat(byTarget.get("total").asLong()).isEqualTo(3);
        // newest first
        assertThat(byTarget.get("items").findValuesAsString("action"))
                .containsExactly("user.enabled", "user.disabled", "user.created");

        var byActor = admin.get("/api/v1/audit?actor=" + actor + "&targetId=" + target)
                .json();
        assertThat(byActor.get("items").findValuesAsString("action")).containsExactly("user.enabled", "user.disabled");

        var byPrefix =
                admin.get("/api/v1/audit?action=user.dis&targetId=" + target).json();
        assertThat(byPrefix.get("total").asLong()).isEqualTo(1);

        var paged =
                admin.get("/api/v1/audit?targetId=" + target + "&size=2&page=1").json();
        assertThat(paged.get("size").asInt()).isEqualTo(2);
        assertThat(paged.get("total").asLong()).isEqualTo(3);
        assertThat(paged.get("items").findValuesAsString("action")).containsExactly("user.created");

        var future = admin.get("/api/v1/audit?targetId=" + target + "&from="
                        + enc(Instant.now().plusSeconds(3600).toString()))
                .json();
        assertThat(future.get("total").asLong()).isZero();
        var window = admin.get("/api/v1/audit?targetId=" + target + "&from=" + enc(before.toString()) + "&to="
                        + enc(Instant.now().plusSeconds(60).toString()))
                .json();
        assertThat(window.get("total").asLong()).isEqualTo(3);
        var withOffset = admin.get("/api/v1/audit?targetId=" + target + "&to=" + enc("2000-01-01T00:00:00+02:00"));
        assertThat(withOffset.status()).isEqualTo(200);
        assertThat(withOffset.json().get("total").asLong()).isZero();
    }

    @Test
    void aBadDateNamesTheParameter() {
        var r = apiAs(Role.ADMIN).get("/api/v1/audit?from=yesterday");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("from");
    }

    @Test
    void onlyAdminsMayReadTheAuditLog() {
        for (Role role : new Role[] {Role.VIEWER, Role.RESPONDER, Role.CHAOS_ENGINEER}) {
            var r = apiAs(role).get("/api/v1/audit");
            assertThat(r.status()).as(role.name()).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(anonymousApi().get("/api/v1/audit").status()).isEqualTo(401);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
