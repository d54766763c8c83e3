package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every API endpoint of countermeasures, library, digest and review meeting, for each role: anonymous is 401,
 * VIEWER reads, RESPONDER (and above) writes.
 */
class PostmortemLibraryAuthorizationTest extends PostmortemFixtures {

    record Call(String method, String path, Object body) {}

    @Test
    void eachEndpointAnswersEachRoleAsDocumented() {
        String author = responder();
        Postmortem pm = published(author, "Authorization matrix");
        ApiClient authorApi = apiAs(author);
        Map<String, Object> cm = new LinkedHashMap<>();
        cm.put("title", "Alert on the authorization matrix");
        cm.put("kind", "OTHER");
        cm.put("ownerUser", author);
        cm.put("dueDate", LocalDate.now().plusDays(3).toString());
        long cmId = authorApi
                .post("/api/v1/postmortems/" + pm.id() + "/countermeasures", cm)
                .json()
                .get("id")
                .asLong();
        Map<String, Object> meeting =
                Map.of("startsAt", "2026-06-01T09:00:00Z", "durationMinutes", 30, "attendees", List.of(author));
        assertThat(authorApi
                        .put("/api/v1/postmortems/" + pm.id() + "/review-meeting", meeting)
                        .status())
                .isEqualTo(200);

        List<Call> reads = List.of(
                new Call("GET", "/api/v1/countermeasures", null),
                new Call("GET", "/api/v1/countermeasures/" + cmId, null),
                new Call("GET", "/api/v1/postmortems/" + pm.id() + "/countermeasures", null),
                new Call("GET", "/api/v1/postmortems/feed.atom", null),
                new Call("GET", "/api/v1/postmortems/" + pm.id() + "/export.md", null),
                new Call("GET", "/api/v1/postmortems/" + pm.id() + "/review-meeting", null),
                new Call("GET", "/api/v1/postmortems/" + pm.id() + "/review-meeting.ics", null),
                new Call("GET", "/api/v1/me/postmortem-digest", null),
                new Call("PUT", "/api/v1/me/postmortem-digest", null),
                new Call("DELETE", "/api/v1/me/postmortem-digest", null));
        List<Call> writes = List.of(
                new Call("POST", "/api/v1/postmortems/" + pm.id() + "/countermeasures", cm),
                new Call("PATCH", "/api/v1/countermeasures/" + cmId, Map.of("status", "IN_PROGRESS")),
                new Call("PUT", "/api/v1/postmortems/" + pm.id() + "/review-meeting", meeting));

        ApiClient anonymous = anonymousApi();
        ApiClient viewer = apiAs(Role.VIEWER);
        for (Call c : reads) {
            assertThat(anonymous.send(c.method(), c.path(), c.body()).status())
                    .as("anonymous " + c)
                    .isEqualTo(401);
            assertThat(viewer.send(c.method(), c.path(), c.body()).status())
                    .as("viewer " + c)
                    .isBetween(200, 204);
        }
        for (Call c : writes) {
            assertThat(anonymous.send(c.method(), c.path(), c.body()).status())
                    .as("anonymous " + c)
                    .isEqualTo(401);
            assertThat(viewer.send(c.method(), c.path(), c.body()).status())
                    .as("viewer " + c)
                    .isEqualTo(403);
        }
        for (Role role : List.of(Role.RESPONDER, Role.CHAOS_ENGINEER, Role.ADMIN)) {
            ApiClient api = apiAs(role);
            for (Call c : writes) {
                assertThat(api.send(c.method(), c.path(), c.body()).status())
                        .as(role + " " + c)
                        .isBetween(200, 201);
            }
        }
        // viewers' reads did not change anything they may not change
        assertThat(authorApi
                        .get("/api/v1/countermeasures/" + cmId)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("IN_PROGRESS");
    }
}
