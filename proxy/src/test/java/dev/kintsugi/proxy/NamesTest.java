package dev.kintsugi.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Names as Toxiproxy addresses them (one path segment): what cannot be read or deleted is refused at creation,
 * and every name accepted can be read, listed and deleted.
 */
class NamesTest extends ProxyTestSupport {
    private static final List<String> UNADDRESSABLE =
            List.of("..", ".", "a/b", "/", "a\u0000b", "tab\there", "line\nbreak", "\u007f", "x".repeat(201), "");
    private static final List<String> ODD_BUT_FINE = List.of(
            "redis",
            "web_dev_frontend_1",
            "a.b-c",
            "...",
            ".hidden",
            "with space",
            "per%cent",
            "plus+sign",
            "q?mark",
            "hash#tag",
            "semi;colon",
            "colon:1",
            "Grüße",
            "日本",
            "emoji\uD83D\uDE00",
            "x".repeat(200));
    private final ObjectMapper json = new ObjectMapper();

    private String body(String name) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("name", name)
                .put("listen", "127.0.0.1:0")
                .put("upstream", echo.address())
                .toString();
    }

    private static String path(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void assert400(HttpResponse<String> response, String name) throws Exception {
        assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(400);
        JsonNode error = json.readTree(response.body());
        assertThat(error.get("status").asInt()).isEqualTo(400);
        assertThat(error.get("error").asText()).contains("name");
    }

    @Test
    void unaddressableProxyNamesAreRefused() throws Exception {
        for (String name : UNADDRESSABLE) {
            assert400(api("POST", "/proxies", body(name)), name);
        }
        assertThat(kintsugi.proxies().all()).isEmpty();
        String list =
                "[" + String.join(",", UNADDRESSABLE.stream().map(this::body).toList()) + "]";
        assert400(api("POST", "/populate", list), "populate");
    }

    @Test
    void unaddressableToxicNamesAreRefused() throws Exception {
        assertThat(api("POST", "/proxies", body("p")).statusCode()).isEqualTo(201);
        for (String name : UNADDRESSABLE) {
            if (name.isEmpty()) {
                continue; // an empty toxic name takes the default, type_stream
            }
            String toxic = JsonNodeFactory.instance
                    .objectNode()
                    .put("name", name)
                    .put("type", "latency")
                    .toString();
            assert400(api("POST", "/proxies/p/toxics", toxic), name);
        }
        assertThat(json.readTree(api("GET", "/proxies/p/toxics", null).body())).isEmpty();
    }

    @Test
    void everyAcceptedNameCanBeReadListedAndDeleted() throws Exception {
        for (String name : ODD_BUT_FINE) {
            HttpResponse<String> created = api("POST", "/proxies", body(name));
            assertThat(created.statusCode()).as(name + ": " + created.body()).isEqualTo(201);
            HttpResponse<String> read = api("GET", "/proxies/" + path(name), null);
            assertThat(read.statusCode()).as(name).isEqualTo(200);
            assertThat(json.readTree(read.body()).get("name").asText()).isEqualTo(name);

            String toxic = JsonNodeFactory.instance
                    .objectNode()
                    .put("name", name)
                    .put("type", "latency")
                    .toString();
            String toxics = "/proxies/" + path(name) + "/toxics";
            assertThat(api("POST", toxics, toxic).statusCode()).as(name).isEqualTo(200);
            HttpResponse<String> readToxic = api("GET", toxics + "/" + path(name), null);
            assertThat(readToxic.statusCode()).as(name).isEqualTo(200);
            assertThat(json.readTree(readToxic.body()).get("name").asText()).isEqualTo(name);
            assertThat(api("PATCH", toxics + "/" + path(name), "{\"attributes\":{\"latency\":2}}")
                            .statusCode())
                    .as(name)
                    .isEqualTo(200);
            assertThat(api("DELETE", toxics + "/" + path(name), null).statusCode())
                    .as(name)
                    .isEqualTo(204);
        }
        assertThat(json.readTree(api("GET", "/proxies", null).body()).size()).isEqualTo(ODD_BUT_FINE.size());
        for (String name : ODD_BUT_FINE) {
            assertThat(api("DELETE", "/proxies/" + path(name), null).statusCode())
                    .as(name)
                    .isEqualTo(204);
        }
        assertThat(kintsugi.proxies().all()).isEmpty();
    }

    @Test
    void theNamesInRealToxiproxyPayloadsAreAccepted() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/toxiproxy-config-populate.json")) {
            JsonNode populate = json.readTree(in);
            for (JsonNode proxy : populate) {
                String name = proxy.get("name").asText();
                assertThat(api("POST", "/proxies", body(name)).statusCode())
                        .as(name)
                        .isEqualTo(201);
            }
        }
    }

    @Test
    void aMalformedPathIs400() throws Exception {
        // the JDK's client refuses to send these; a careless client does not
        for (String path : List.of("/proxies/%C3", "/proxies/%C3%28", "/proxies/%ED%A0%80")) {
            RawHttp.Response response = RawHttp.send(kintsugi.port(), "GET", path, "Host: 127.0.0.1", null);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(json.readTree(response.body()).get("error").asText()).contains("path");
        }
        for (String path : List.of("/proxies/%zz", "/proxies/%", "/proxies/a%2")) {
            // not a URI at all: the JDK's HTTP server answers 400 itself, before the API sees the request
            assertThat(RawHttp.send(kintsugi.port(), "GET", path, "Host: 127.0.0.1", null)
                            .status())
                    .as(path)
                    .isEqualTo(400);
        }
        assertThat(api("GET", "/proxies/a%2Fb", null).statusCode()).isEqualTo(404);
    }
}
