package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every date the product accepts is an ISO-8601 date within the years 1970–9999, refused with a 400 otherwise. */
class DateRangeTest extends IntegrationTest {

    private static void refused(ApiClient.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("field").asString()).as(r.body()).isEqualTo(field);
    }

    private static long number(ApiClient.Response declared) {
        return Long.parseLong(declared.json().get("key").asString().replace("INC-", ""));
    }

    @Test
    void extremeInstantsInJsonAreRefusedAndConsumeNoIncidentNumber() {
        ApiClient responder = apiAs(Role.RESPONDER);
        var before = responder.post("/api/v1/incidents", Map.of("title", "Before the bad ones", "severity", "SEV4"));
        assertThat(before.status()).as(before.body()).isEqualTo(201);
        for (String at : new String[] {
            "\"+999999999-12-31T23:59:59Z\"",
            "\"-999999999-01-01T00:00:00Z\"",
            "\"+10000-01-01T00:00:00Z\"",
            "\"1969-12-31T23:59:59Z\"",
            "20250101",
            "1735689600",
            "1.5e9"
        }) {
            var r = responder.post(
                    "/api/v1/incidents",
                    "{\"title\":\"Extreme\",\"severity\":\"SEV4\",\"impactStartedAt\":" + at + "}");
            refused(r, "impactStartedAt");
            assertThat(r.body()).doesNotContain("overflow", "Exception");
        }
        var after = responder.post(
                "/api/v1/incidents",
                "{\"title\":\"After the bad ones\",\"severity\":\"SEV4\",\"impactStartedAt\":\"1970-01-01T00:00:00Z\"}");
        assertThat(after.status()).as(after.body()).isEqualTo(201);
        assertThat(number(after)).isEqualTo(number(before) + 1);
        assertThat(after.body()).contains("1970-01-01T00:00");
    }

    @Test
    void queryParametersAreRangeCheckedToo() throws Exception {
        ApiClient admin = apiAs(Role.ADMIN);
        refused(admin.get("/api/v1/audit?from=%2B999999999-12-31T00:00:00Z"), "from");
        refused(admin.get("/api/v1/audit?to=1900-01-01T00:00:00Z"), "to");
        assertThat(admin.get("/api/v1/audit?from=2026-01-01T00:00:00Z").status())
                .isEqualTo(200);

        // A parameter bound to a date type goes through the global formatter: a day count is not a date.
        String token =
                tx.execute(s -> tokens.create(createUser(unique("chat"), Role.RESPONDER, "password-chat1"), "t", null)
                        .value());
        for (String day : new String[] {"20250101", "%2B999999999-12-31", "1969-12-31"}) {
            String boundary = "kintsugi-boundary";
            String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                    + "Content-Type: text/plain\r\n\r\n10:00 <ada> hello\r\n--" + boundary + "--\r\n";
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/postmortems/1/timeline/import"
                                            + "?format=IRC&zone=UTC&day=" + day))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(day + " " + r.body()).isEqualTo(400);
            assertThat(ApiClient.JSON.readTree(r.body()).get("field").asString())
                    .isEqualTo("day");
        }
    }

    @Test
    void formFieldsAreRangeChecked() {
        String name = unique("form");
        createUser(name, Role.VIEWER, "password-" + name);
        WebSession session = WebSession.loggedIn(baseUrl(), name, "password-" + name);
        session.get("/profile");
        var page = session.post("/profile/tokens", Map.of("name", "far", "expiresAt", "+99999-12-31T00:00"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(DateRange.MESSAGE);
        assertThat(tokens.list(name)).isEmpty();
    }
}
