package dev.kintsugi.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The HTTP API's shapes and errors, checked against real Toxiproxy payloads (src/test/resources/fixtures). */
class AdminApiTest extends ProxyTestSupport {
    private final ObjectMapper json = new ObjectMapper();

    private String fixture(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private JsonNode tree(String text) throws IOException {
        return json.readTree(text);
    }

    private void assertError(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = tree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).contains(message);
    }

    @Test
    void createProxyAndToxicAnswerLikeToxiproxy() throws Exception {
        HttpResponse<String> created = api("POST", "/proxies", fixture("toxiproxy-api-create-proxy-request.json"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(tree(created.body())).isEqualTo(tree(fixture("toxiproxy-api-create-proxy-response.json")));
        assertThat(tree(api("GET", "/proxies", null).body()))
                .isEqualTo(tree(fixture("toxiproxy-api-get-proxies-response.json")));

        HttpResponse<String> toxic =
                api("POST", "/proxies/redis/toxics", fixture("toxiproxy-api-create-toxic-request.json"));
        assertThat(toxic.statusCode()).isEqualTo(200);
        assertThat(tree(toxic.body())).isEqualTo(tree(fixture("toxiproxy-api-create-toxic-response.json")));

        HttpResponse<String> patched =
                api("PATCH", "/proxies/redis/toxics/latency_downstream", "{\"attributes\":{\"jitter\":5}}");
        assertThat(tree(patched.body()).at("/attributes/jitter").asInt()).isEqualTo(5);
        assertThat(tree(patched.body()).at("/attributes/latency").asInt()).isEqualTo(1000);
        assertThat(api("DELETE", "/proxies/redis/toxics/latency_downstream", null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(api("DELETE", "/proxies/redis", null).statusCode()).isEqualTo(204);
        assertThat(tree(api("GET", "/proxies", null).body())).isEmpty();
    }

    @Test
    void populateWithTheSampleConfig() throws Exception {
        HttpResponse<String> response = api("POST", "/populate", fixture("toxiproxy-config-populate.json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode proxies = tree(response.body()).get("proxies");
        assertThat(proxies).hasSize(2);
        assertThat(proxies.get(0).get("name").asText()).isEqualTo("web_dev_frontend_1");
        assertThat(proxies.get(0).get("listen").asText()).isEqualTo("[::]:18080");
        assertThat(proxies.get(1).get("upstream").asText()).isEqualTo("database.domain:3306");
        // populating the same again changes nothing and still answers 201
        assertThat(api("POST", "/populate", fixture("toxiproxy-config-populate.json"))
                        .statusCode())
                .isEqualTo(201);
        assertThat(kintsugi.proxies().all()).hasSize(2);
    }

    @Test
    void configFileAtStartUp() throws Exception {
        Path config = Files.createTempFile("proxies", ".json");
        Files.writeString(
                config, "[{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"}]");
        kintsugi.populate(config);
        assertThat(client.getProxy("a").isEnabled()).isTrue();
        Files.delete(config);
    }

    @Test
    void badInputIsRejectedWithToxiproxyCodes() throws Exception {
        assertError(api("POST", "/proxies", "{bad json"), 400, "bad request body");
        assertError(api("POST", "/proxies", "{\"name\":\"x\"}"), 400, "missing required field: upstream");
        assertError(api("POST", "/proxies", "{\"upstream\":\"127.0.0.1:1\"}"), 400, "missing required field: name");
        assertError(api("GET", "/proxies/nope", null), 404, "proxy not found");
        assertError(api("POST", "/proxies/nope/toxics", "{\"type\":\"latency\"}"), 404, "proxy not found");

        String create = "{\"name\":\"x\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"}";
        assertThat(api("POST", "/proxies", create).statusCode()).isEqualTo(201);
        assertError(api("POST", "/proxies", create), 409, "proxy already exists");

        assertError(api("POST", "/proxies/x/toxics", "{\"type\":\"earthquake\"}"), 400, "invalid toxic type");
        assertError(api("POST", "/proxies/x/toxics", "[1,2"), 400, "bad request body");
        assertError(
                api("POST", "/proxies/x/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":-5}}"),
                400,
                "latency");
        assertError(
                api("POST", "/proxies/x/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":1e12}}"),
                400,
                "latency");
        assertError(
                api("POST", "/proxies/x/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":\"soon\"}}"),
                400,
                "latency");
        assertError(api("POST", "/proxies/x/toxics", "{\"type\":\"latency\",\"toxicity\":2}"), 400, "toxicity");
        assertError(api("POST", "/proxies/x/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}"), 400, "stream");
        assertError(
                api("POST", "/proxies/x/toxics", "{\"type\":\"slicer\",\"attributes\":{\"average_size\":0}}"),
                400,
                "slicer");
        assertError(api("POST", "/proxies/x/toxics", "{\"type\":\"bandwidth\",\"ttl_ms\":-1}"), 400, "ttl_ms");
        assertThat(api("POST", "/proxies/x/toxics", "{\"type\":\"latency\"}").statusCode())
                .isEqualTo(200);
        assertError(api("POST", "/proxies/x/toxics", "{\"type\":\"latency\"}"), 409, "toxic already exists");
        assertError(api("GET", "/proxies/x/toxics/nope", null), 404, "toxic not found");
        assertError(api("DELETE", "/proxies/x/toxics/nope", null), 404, "toxic not found");
        assertError(api("POST", "/proxies/x", "{\"enabled\":\"maybe\"}"), 400, "enabled");
        // still serving after all that
        assertThat(api("GET", "/proxies/x", null).statusCode()).isEqualTo(200);
    }

    @Test
    void listenAddressInUseIsAClearErrorAndCreatesNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String body = "{\"name\":\"clash\",\"listen\":\"127.0.0.1:" + taken.getLocalPort() + "\",\"upstream\":\""
                    + echo.address() + "\"}";
            assertError(api("POST", "/proxies", body), 409, "address already in use");
        }
        assertThat(tree(api("GET", "/proxies", null).body())).isEmpty();
        assertError(api("GET", "/proxies/clash", null), 404, "proxy not found");
    }

    @Test
    void unreachableUpstreamClosesTheClientAndIsCounted() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        var proxy = client.createProxy("dead", "127.0.0.1:0", "127.0.0.1:" + closedPort);
        for (int i = 0; i < 3; i++) {
            try (Socket socket = connect(proxy.getListen())) {
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
        }
        assertThat(metric("kintsugi_proxy_upstream_connect_failures_total{proxy=\"dead\"}"))
                .isEqualTo(3);
        assertThat(metric("kintsugi_proxy_connections_active{proxy=\"dead\"}")).isZero();
    }

    @Test
    void metricsCountConnectionsBytesAndToxics() throws Exception {
        var proxy = client.createProxy("m", "127.0.0.1:0", echo.address());
        try (Socket socket = connect(proxy.getListen())) {
            roundTrip(socket, 1000);
            assertThat(metric("kintsugi_proxy_connections_active{proxy=\"m\"}")).isEqualTo(1);
        }
        proxy.toxics().latency("l", eu.rekawek.toxiproxy.model.ToxicDirection.UPSTREAM, 1);
        HttpResponse<String> metrics = api("GET", "/metrics", null);
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(metrics.body()).contains("# TYPE kintsugi_proxy_bytes_total counter");
        assertThat(metric("kintsugi_proxy_connections_total{proxy=\"m\"}")).isEqualTo(1);
        assertThat(metric("kintsugi_proxy_bytes_total{proxy=\"m\",direction=\"upstream\"}"))
                .isEqualTo(1000);
        assertThat(metric("kintsugi_proxy_bytes_total{proxy=\"m\",direction=\"downstream\"}"))
                .isEqualTo(1000);
        assertThat(metric("kintsugi_proxy_toxics_active{proxy=\"m\"}")).isEqualTo(1);
        assertThat(metric("kintsugi_proxy_faults_expired_total")).isZero();
    }
}
