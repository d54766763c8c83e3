package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The post-mortem API through real HTTP: writing, the blameless gate, chat imports, images. */
class PostmortemApiTest extends IntegrationTest {
    ApiClient author;
    String authorName;
    long id;

    @BeforeEach
    void start() {
        authorName = unique("writer");
        createUser(authorName, Role.RESPONDER, "password-" + authorName);
        author = apiAs(authorName);
        var r = author.post(
                "/api/v1/postmortems",
                Map.of("origin", "NEAR_MISS", "title", "Almost expired certificate", "severity", "SEV3"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        id = r.json().get("id").asLong();
    }

    private Map<String, Object> content(String summary) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("title", "Almost expired certificate");
        c.put("severity", "SEV3");
        c.put("facilitator", authorName);
        c.put("owner", authorName);
        c.put("summary", summary);
        c.put("participants", List.of(authorName));
        c.put("tags", List.of("tls"));
        c.put(
                "factors",
                List.of(Map.of("category", "TOOLING", "description", "Renewal alerts went to an old mailing list")));
        return c;
    }

    private ApiClient.Response save(Integer basedOn, Map<String, Object> content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("basedOnRevision", basedOn);
        body.put("content", content);
        return author.put("/api/v1/postmortems/" + id, body);
    }

    private int revision() {
        return author.get("/api/v1/postmortems/" + id).json().get("revision").asInt();
    }

    @Test
    void languageFindingsBlockReviewUntilReframedOrOverridden() {
        var saved = save(revision(), content("The on-call engineer should have renewed it; human error."));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode findings =
                author.get("/api/v1/postmortems/" + id + "/language-findings").json();
        assertThat(findings.toString()).contains("should have", "human error", "summary");

        var blocked = author.post("/api/v1/postmortems/" + id + "/transitions", Map.of("to", "IN_REVIEW"));
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.json().get("findings").size()).isEqualTo(2);

        // Someone other than the facilitator cannot override.
        ApiClient other = apiAs(Role.RESPONDER);
        var notYours = other.post(
                "/api/v1/postmortems/" + id + "/transitions",
                Map.of("to", "IN_REVIEW", "overrideReason", "Quoting the customer verbatim here"));
        assertThat(notYours.status()).isEqualTo(409);

        var override = author.post(
                "/api/v1/postmortems/" + id + "/transitions",
                Map.of("to", "IN_REVIEW", "overrideReason", "Quoting the customer verbatim here"));
        assertThat(override.status()).as(override.body()).isEqualTo(200);
        assertThat(override.json().get("status").asString()).isEqualTo("IN_REVIEW");
        var audit = apiAs(Role.ADMIN)
                .get("/api/v1/audit?action=postmortem.language-override&targetId=PM-" + id)
                .json();
        assertThat(audit.get("total").asLong()).isEqualTo(1);
    }

    @Test
    void reframedTextGoesToReviewAndIsPublishedOnlyFromReviewWithSubstanceThenAmended() {
        save(revision(), content("Renewal reminders went to a list nobody reads; we noticed 2 days before expiry."));
        var publishDraft = author.post("/api/v1/postmortems/" + id + "/transitions", Map.of("to", "PUBLISHED"));
        assertThat(publishDraft.status()).isEqualTo(409);
        assertThat(publishDraft.json().get("allowedNext").toString()).contains("IN_REVIEW");
        assertThat(author.post("/api/v1/postmortems/" + id + "/transitions", Map.of("to", "IN_REVIEW"))
                        .status())
                .isEqualTo(200);

        // no impact statement, no countermeasure and no reason for none: refused, each missing field named
        var thin = author.post("/api/v1/postmortems/" + id + "/transitions", Map.of("to", "PUBLISHED"));
        assertThat(thin.status()).as(thin.body()).isEqualTo(400);
        assertThat(thin.contentType()).startsWith("application/problem+json");
        assertThat(thin.json().get("errors").findValuesAsString("field"))
                .containsExactly("customerImpact", "noCountermeasureReason");
        assertThat(author.get("/api/v1/postmortems/" + id).json().get("status").asString())
                .isEqualTo("IN_REVIEW");

        assertThat(author.post("/api/v1/postmortems/" + id + "/transitions", Map.of("to", "DRAFT"))
                        .status())
                .isEqualTo(200);
        Map<String, Object> full = content("Renewal reminders went to a list nobody reads.");
        full.put("customerImpact", "None: renewed two days before expiry");
        assertThat(save(revision(), full).status()).isEqualTo(200);
        author.post("/api/v1/postmortems/" + id + "/transitions", Map.of("to", "IN_REVIEW"));
        var reason = Map.of("to", "PUBLISHED", "noCountermeasureReason", "The list was fixed during the review itself");
        var unapproved = author.post("/api/v1/postmortems/" + id + "/transitions", reason);
        assertThat(unapproved.status()).as(unapproved.body()).isEqualTo(409);
        assertThat(unapproved.json().get("requiredApprovals").asInt()).isEqualTo(1);
        var self = author.post("/api/v1/postmortems/" + id + "/reviews", Map.of("decision", "APPROVED"));
        assertThat(self.status())
                .as("the facilitator does not review their own")
                .isEqualTo(409);
        ApiClient reviewer = apiAs(Role.RESPONDER);
        var bare = reviewer.post("/api/v1/postmortems/" + id + "/reviews", Map.of("decision", "CHANGES_REQUESTED"));
        assertThat(bare.status()).isEqualTo(400);
        assertThat(bare.json().get("field").asString()).isEqualTo("comment");
        var approved = reviewer.post(
                "/api/v1/postmortems/" + id + "/reviews", Map.of("decision", "APPROVED", "comment", "Clear and kind"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(author.get("/api/v1/postmortems/" + id + "/reviews").body()).contains("Clear and kind", "APPROVED");
        var published = author.post(
                "/api/v1/postmortems/" + id + "/transitions",
                Map.of("to", "PUBLISHED", "noCountermeasureReason", "The list was fixed during the review itself"));
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        assertThat(published.json().get("publishedRevision").asInt())
                .isEqualTo(published.json().get("revision").asInt());
        assertThat(published.json().get("noCountermeasureReason").asString())
                .isEqualTo("The list was fixed during the review itself");
        int publishedRevision = published.json().get("revision").asInt();

        // published is read-only: a save is refused and changes nothing
        var edit = save(publishedRevision, content("Rewritten after the fact"));
        assertThat(edit.status()).as(edit.body()).isEqualTo(409);
        assertThat(edit.body()).contains("amend");

        // amending: back to draft, a new revision; the published one stays in the library
        var amend = author.post("/api/v1/postmortems/" + id + "/transitions", Map.of("to", "DRAFT"));
        assertThat(amend.status()).as(amend.body()).isEqualTo(200);
        assertThat(amend.json().get("status").asString()).isEqualTo("DRAFT");
        assertThat(amend.json().get("amending").asBoolean()).isTrue();
        Map<String, Object> amended = new LinkedHashMap<>(full);
        amended.put("summary", "Renewal reminders went to a list nobody reads; amended with the vendor's view.");
        var saved = save(publishedRevision, amended);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().get("revision").asInt()).isEqualTo(publishedRevision + 1);
        assertThat(saved.json().get("publishedRevision").asInt()).isEqualTo(publishedRevision);
        var feed = author.get("/api/v1/postmortems/feed.atom");
        assertThat(feed.body())
                .as("the published revision stays in the library")
                .contains("/postmortems/" + id);
    }

    @Test
    void staleSavesAndBadContentAreRefusedAndChangeNothing() {
        int rev = revision();
        assertThat(save(rev, content("first")).status()).isEqualTo(200);
        var stale = save(rev, content("second, from an old tab"));
        assertThat(stale.status()).isEqualTo(409);
        var unknownUser = content("x");
        unknownUser.put("facilitator", "nobody-at-all");
        var r = save(null, unknownUser);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("facilitator");
        var badFactor = content("x");
        badFactor.put("factors", List.of(Map.of("category", "BAD_LUCK", "description", "x")));
        assertThat(save(null, badFactor).status()).isEqualTo(400);
        var badLink = content("x");
        badLink.put("links", List.of(Map.of("kind", "TICKET", "title", "x", "url", "javascript:alert(1)")));
        var link = save(null, badLink);
        assertThat(link.status()).isEqualTo(400);
        assertThat(link.json().get("field").asString()).isEqualTo("links[0].url");
        assertThat(author.get("/api/v1/postmortems/" + id)
                        .json()
                        .get("content")
                        .get("summary")
                        .asString())
                .isEqualTo("first");
    }

    @Test
    void importsChatLogsInTheirTimeZoneAllOrNothing() throws Exception {
        String slack = Files.readString(Path.of(getClass()
                .getResource("/fixtures/slack-export-day-thread-parent.json")
                .toURI()));
        var r = upload(
                "/api/v1/postmortems/" + id + "/timeline/import",
                "export.json",
                slack.getBytes(StandardCharsets.UTF_8),
                Map.of("format", "SLACK_EXPORT", "zone", "Europe/Paris"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        int afterSlack =
                author.get("/api/v1/postmortems/" + id + "/timeline").json().size();
        assertThat(afterSlack).isPositive();

        String plain = "09:15 ada: disk at 95%\n09:20 grace: cleaned old logs\n";
        var p = upload(
                "/api/v1/postmortems/" + id + "/timeline/import",
                "log.txt",
                plain.getBytes(StandardCharsets.UTF_8),
                Map.of("format", "PLAIN", "zone", "America/New_York", "day", "2026-03-10", "perspective", "ops"));
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        JsonNode timeline =
                author.get("/api/v1/postmortems/" + id + "/timeline").json();
        assertThat(timeline.toString())
                .contains("\"2026-03-10T13:15:00Z\"", "cleaned old logs", "\"source\":\"PLAIN\"");

        String broken = "09:15 ada: fine\nthis line is not a chat line\n09:30 grace: fine too\n";
        var bad = upload(
                "/api/v1/postmortems/" + id + "/timeline/import",
                "bad.txt",
                broken.getBytes(StandardCharsets.UTF_8),
                Map.of("format", "PLAIN", "zone", "UTC", "day", "2026-03-10"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asString()).contains("line 2");
        assertThat(author.get("/api/v1/postmortems/" + id + "/timeline").json().size())
                .isEqualTo(afterSlack + 2);
    }

    @Test
    void imagesAreCheckedByContentAndSize() throws Exception {
        var image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var encoded = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", encoded);
        byte[] png = encoded.toByteArray();
        var ok = upload("/api/v1/postmortems/" + id + "/images", "graph.png", png, Map.of());
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("contentType").asString()).isEqualTo("image/png");

        var html = upload(
                "/api/v1/postmortems/" + id + "/images", "graph.png", "<script>alert(1)</script>".getBytes(), Map.of());
        assertThat(html.status()).isEqualTo(415);
        var svg = upload(
                "/api/v1/postmortems/" + id + "/images", "x.svg", "<svg onload=alert(1)></svg>".getBytes(), Map.of());
        assertThat(svg.status()).isEqualTo(415);

        byte[] big = Arrays.copyOf(png, 3 * 1024 * 1024);
        var tooBig = upload("/api/v1/postmortems/" + id + "/images", "huge.png", big, Map.of());
        assertThat(tooBig.status()).isEqualTo(413);
        byte[] huge = Arrays.copyOf(png, 7 * 1024 * 1024);
        assertThat(upload("/api/v1/postmortems/" + id + "/images", "huger.png", huge, Map.of())
                        .status())
                .isEqualTo(413);
        assertThat(author.get("/api/v1/postmortems/" + id + "/images").json().size())
                .isEqualTo(1);
    }

    @Test
    void privatePostmortemsAreHiddenFromOthers() {
        var r = author.post(
                "/api/v1/postmortems",
                Map.of("origin", "EXTERNAL_OUTAGE", "title", "Vendor breach", "privateReview", true));
        long privateId = r.json().get("id").asLong();
        assertThat(apiAs(Role.RESPONDER).get("/api/v1/postmortems/" + privateId).status())
                .isEqualTo(404);
        assertThat(apiAs(Role.ADMIN).get("/api/v1/postmortems/" + privateId).status())
                .isEqualTo(200);
        assertThat(author.get("/api/v1/postmortems/" + privateId).status()).isEqualTo(200);
        assertThat(apiAs(Role.VIEWER)
                        .put("/api/v1/postmortems/" + id, Map.of("content", content("x")))
                        .status())
                .isEqualTo(403);
    }

    private ApiClient.Response upload(String path, String filename, byte[] data, Map<String, String> fields)
            throws IOException, InterruptedException {
        String boundary = "----kintsugi" + UUID.randomUUID();
        var out = new java.io.ByteArrayOutputStream();
        for (var f : fields.entrySet()) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                            + f.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(data);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String token = tx.execute(s -> tokens.create(authorName, "upload", null).value());
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + path))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new ApiClient.Response(
                r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }
}
