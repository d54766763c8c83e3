package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * The API reads JSON strictly, for every endpoint at once (mapper configuration, not per controller): each
 * refusal is a 400 problem naming the field, and nothing is written.
 */
class StrictJsonTest extends IntegrationTest {

    private static void refused(ApiClient.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("field").asString()).as(r.body()).isEqualTo(field);
        assertThat(r.body()).doesNotContain("Exception", "tools.jackson", "dev.kintsugi");
    }

    private String newUser(String username, String role) {
        return """
                {"username":"%s","displayName":"Strict","role":%s,"password":"long-enough-password"}""".formatted(username, role);
    }

    @Test
    void enumsAreReadByNameOnly() {
        ApiClient admin = apiAs(Role.ADMIN);
        for (String role : new String[] {"3", "\"ADMIN\\u0000\"", "\" ADMIN\"", "\"admin\"", "\"ROOT\"", "true"}) {
            String name = unique("enum");
            refused(admin.post("/api/v1/users", newUser(name, role)), "role");
            assertThat(users.find(name)).as(role).isEmpty();
        }
        String ok = unique("enum");
        assertThat(admin.post("/api/v1/users", newUser(ok, "\"ADMIN\"")).status())
                .isEqualTo(201);
    }

    @Test
    void scalarsAreNotCoerced() {
        ApiClient admin = apiAs(Role.ADMIN);
        String name = unique("scalar");
        createUser(name, Role.VIEWER, "password-" + name);
        refused(admin.patch("/api/v1/users/" + name, "{\"enabled\":\"false\"}"), "enabled");
        refused(admin.patch("/api/v1/users/" + name, "{\"enabled\":0}"), "enabled");
        refused(admin.patch("/api/v1/users/" + name, "{\"displayName\":42}"), "displayName");
        refused(admin.patch("/api/v1/users/" + name, "{\"displayName\":true}"), "displayName");
        assertThat(users.get(name).enabled()).isTrue();
        assertThat(users.get(name).displayName()).isEqualTo("Test " + name);
    }

    @Test
    void nothingMayFollowTheDocument() {
        ApiClient admin = apiAs(Role.ADMIN);
        String name = unique("trailing");
        createUser(name, Role.VIEWER, "password-" + name);
        var r = admin.patch("/api/v1/users/" + name, "{\"displayName\":\"One\"} {\"role\":\"ADMIN\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("Trailing token").doesNotContain("dev.kintsugi", "DeserializationFeature");
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(users.get(name).displayName()).isEqualTo("Test " + name);
        assertThat(users.get(name).role()).isEqualTo(Role.VIEWER);
    }

    @Test
    void textRefusesControlCharactersAndLoneSurrogatesButKeepsTabsAndNewlines() {
        ApiClient admin = apiAs(Role.ADMIN);
        String name = unique("text");
        createUser(name, Role.VIEWER, "password-" + name);
        for (String bad :
                new String[] {"a\\u0000b", "bell\\u0007", "esc\\u001b[31m", "del\\u007f", "\\ud800", "x\\udc00y"}) {
            var r = admin.patch("/api/v1/users/" + name, "{\"displayName\":\"" + bad + "\"}");
            refused(r, "displayName");
        }
        assertThat(users.get(name).displayName()).isEqualTo("Test " + name);
        // A real pair of surrogates (an emoji) is fine.
        assertThat(admin.patch("/api/v1/users/" + name, "{\"displayName\":\"Ada \\ud83d\\ude80\"}")
                        .status())
                .isEqualTo(200);
        assertThat(users.get(name).displayName()).isEqualTo("Ada \uD83D\uDE80");

        ApiClient responder = apiAs(Role.RESPONDER);
        var declared = responder.post(
                "/api/v1/incidents", "{\"title\":\"Tabs\",\"severity\":\"SEV3\",\"description\":\"a\\tb\\r\\nc\"}");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        assertThat(declared.json().get("description").asString()).isEqualTo("a\tb\r\nc");
    }

    @Test
    void listsHoldNoNullAndNotTooManyElements() {
        ApiClient responder = apiAs(Role.RESPONDER);
        String title = unique("lists");
        var withNull = responder.post(
                "/api/v1/incidents", "{\"title\":\"" + title + "\",\"severity\":\"SEV3\",\"services\":[null]}");
        assertThat(withNull.status()).as(withNull.body()).isEqualTo(400);
        assertThat(withNull.json().get("field").asString()).startsWith("services");
        assertThat(withNull.body()).doesNotContain("NullPointerException");

        String many = String.join(",", Collections.nCopies(1001, "\"svc\""));
        var tooMany = responder.post(
                "/api/v1/incidents", "{\"title\":\"" + title + "\",\"severity\":\"SEV3\",\"services\":[" + many + "]}");
        refused(tooMany, "services");
        assertThat(tooMany.json().get("detail").asString()).contains("at most 1000");
        assertThat(responder
                        .get("/api/v1/incidents?q=" + title)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
    }

    @Test
    void severityByOrdinalIsRefused() {
        var r = apiAs(Role.RESPONDER).post("/api/v1/incidents", "{\"title\":\"Ordinal\",\"severity\":0}");
        refused(r, "severity");
    }
}
