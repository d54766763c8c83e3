package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI description as a client generator sees it: fetched with an API token, valid OpenAPI 3.1 for an
 * independent parser, one schema per type. It is written to {@code target/openapi.json}, from which the
 * {@code api-client-test} module generates a Java client and drives the real server with it.
 */
class OpenApiDescriptionTest extends IntegrationTest {

    @Test
    void anApiTokenFetchesTheDescriptionAndAnAnonymousClientGetsProblemDetails() {
        var r = apiAs(Role.VIEWER).get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("openapi").asString()).startsWith("3.1");

        var anonymous = anonymousApi().get("/v3/api-docs");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");

        var badToken = new ApiClient(baseUrl(), "kts_not-a-token").get("/v3/api-docs");
        assertThat(badToken.status()).isEqualTo(401);
    }

    @Test
    void theDescriptionIsValidAndWrittenForTheClientGenerator() throws Exception {
        String json = apiAs(Role.VIEWER).get("/v3/api-docs").body();

        Path out = Path.of("target", "openapi.json");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out, ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ApiClient.JSON.readTree(json)));

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        var result = new OpenAPIV3Parser().readContents(json, null, options);
        assertThat(result.getMessages()).as("validation messages").isEmpty();
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/api/v1/incidents", "/api/v1/teams");
    }

    @Test
    void eachRequestRecordHasItsOwnSchema() {
        JsonNode schemas =
                apiAs(Role.VIEWER).get("/v3/api-docs").json().path("components").path("schemas");
        // Two records are both called TransitionRequest: each schema lists its own states only.
        assertThat(enumOf(schemas, "IncidentTransitionRequest", "to"))
                .contains("INVESTIGATING", "CLOSED")
                .doesNotContain("DRAFT");
        assertThat(enumOf(schemas, "PostmortemTransitionRequest", "to"))
                .contains("DRAFT", "IN_REVIEW", "PUBLISHED")
                .doesNotContain("INVESTIGATING");

        // Every request body of a write operation points at a schema that exists.
        List<String> dangling = new ArrayList<>();
        JsonNode paths = apiAs(Role.VIEWER).get("/v3/api-docs").json().path("paths");
        for (var path : paths.properties()) {
            for (var op : path.getValue().properties()) {
                JsonNode ref = op.getValue()
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema")
                        .path("$ref");
                if (!ref.isMissingNode()) {
                    String name = ref.asString().substring("#/components/schemas/".length());
                    if (!schemas.has(name)) {
                        dangling.add(op.getKey() + " " + path.getKey() + " -> " + name);
                    }
                }
            }
        }
        assertThat(dangling).isEmpty();
    }

    @Test
    void operationIdsAreUniqueAndNamedAfterWhatTheyDo() {
        JsonNode paths = apiAs(Role.VIEWER).get("/v3/api-docs").json().path("paths");
        List<String> ids = new ArrayList<>();
        paths.forEach(path -> path.forEach(op -> ids.add(op.path("operationId").asString())));
        assertThat(ids).doesNotHaveDuplicates().noneMatch(id -> id.matches(".*_\\d+"));
        assertThat(paths.path("/api/v1/incidents")
                        .path("post")
                        .path("operationId")
                        .asString())
                .isEqualTo("declareIncident");
    }

    private static List<String> enumOf(JsonNode schemas, String schema, String property) {
        List<String> values = new ArrayList<>();
        schemas.path(schema).path("properties").path(property).path("enum").forEach(v -> values.add(v.asString()));
        assertThat(values).as(schema + "." + property + " enum").isNotEmpty();
        return values;
    }

    @Test
    void everyVersionedResponseDocumentsItsETagAndEveryConditionalWriteAnswersOne() {
        JsonNode doc = apiAs(Role.VIEWER).get("/v3/api-docs").json();
        JsonNode team = doc.path("paths")
                .path("/api/v1/teams/{name}")
                .path("get")
                .path("responses")
                .path("200");
        assertThat(team.path("headers").has("ETag"))
                .as("GET /api/v1/teams/{name} documents ETag")
                .isTrue();

        // A write that takes If-Match and answers a body must say it sends the new ETag back.
        List<String> missing = new ArrayList<>();
        for (var path : doc.path("paths").properties()) {
            for (var op : path.getValue().properties()) {
                boolean conditional = false;
                for (JsonNode p : op.getValue().path("parameters")) {
                    conditional |= "If-Match".equals(p.path("name").asString())
                            && "header".equals(p.path("in").asString());
                }
                if (!conditional) {
                    continue;
                }
                for (var response : op.getValue().path("responses").properties()) {
                    if (response.getKey().startsWith("2")
                            && response.getValue().has("content")
                            && !response.getValue().path("headers").has("ETag")) {
                        missing.add(op.getKey() + " " + path.getKey() + " " + response.getKey());
                    }
                }
            }
        }
        assertThat(missing)
                .as("conditional writes whose response lacks the ETag header")
                .isEmpty();
    }
}
