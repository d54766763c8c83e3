package dev.kintsugi.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The admin API refuses what a web page can make a browser send (browser user agents, foreign Host and Origin
 * headers, form-like bodies), and still serves the clients people use: toxiproxy-java, Python requests (what Chaos
 * Toolkit's Toxiproxy extension uses), curl.
 */
class AdminAccessTest extends ProxyTestSupport {
    private static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    private final ObjectMapper json = new ObjectMapper();

    private String create(String name) {
        return "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"}";
    }

    private String local() {
        return "Host: 127.0.0.1:" + kintsugi.port();
    }

    private void assertRefused(RawHttp.Response response, int status, String message) throws IOException {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers()).containsIgnoringCase("Content-Type: application/json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).contains(message);
        assertThat(kintsugi.proxies().all()).as("nothing created").isEmpty();
    }

    @Test
    void browserUserAgentsGetToxiproxysForbidden() throws Exception {
        assertRefused(
                RawHttp.send(
                        kintsugi.port(),
                        "POST",
                        "/proxies",
                        local() + "\r\nUser-Agent: " + FIREFOX + "\r\nContent-Type: application/json",
                        create("web")),
                403,
                "User agent not allowed");
        assertRefused(
                RawHttp.send(kintsugi.port(), "GET", "/proxies", local() + "\r\nUser-Agent: " + FIREFOX, null),
                403,
                "User agent not allowed");
    }

    @Test
    void theAttackFromTheIssueIsRefused() throws Exception {
        // text/plain, a browser, a foreign page: a cross-site "simple" request
        assertRefused(
                RawHttp.send(
                        kintsugi.port(),
                        "POST",
                        "/proxies",
                        local() + "\r\nUser-Agent: " + FIREFOX + "\r\nOrigin: http://evil.example\r\n"
                                + "Content-Type: text/plain",
                        create("evil")),
                403,
                "not allowed");
    }

    @Test
    void aForeignHostHeaderIsRefused() throws Exception {
        // DNS rebinding: evil.example now resolves to 127.0.0.1, the page talks to "its own" host
        assertRefused(
                RawHttp.send(
                        kintsugi.port(),
                        "POST",
                        "/proxies",
                        "Host: evil.example:" + kintsugi.port() + "\r\nContent-Type: application/json",
                        create("rebound")),
                403,
                "host not allowed: evil.example");
        assertRefused(
                RawHttp.send(kintsugi.port(), "GET", "/proxies", "Host: evil.example", null), 403, "host not allowed");
        for (String host : List.of("localhost:1", "127.0.0.1", "[::1]:8474", "LOCALHOST.")) {
            assertThat(RawHttp.send(kintsugi.port(), "GET", "/proxies", "Host: " + host, null)
                            .status())
                    .as(host)
                    .isEqualTo(200);
        }
    }

    @Test
    void aForeignOriginIsRefusedAndALocalOneServed() throws Exception {
        for (String origin : List.of("http://evil.example", "null", "https://127.0.0.1.evil.example", "file://")) {
            assertRefused(
                    RawHttp.send(
                            kintsugi.port(),
                            "POST",
                            "/proxies",
                            local() + "\r\nOrigin: " + origin + "\r\nContent-Type: application/json",
                            create("o")),
                    403,
                    "origin not allowed");
        }
        var response = RawHttp.send(
                kintsugi.port(),
                "POST",
                "/proxies",
                local() + "\r\nOrigin: http://localhost:3000\r\nContent-Type: application/json",
                create("dashboard"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void configuredHostsAreServed() throws Exception {
        try (KintsugiProxy other = new KintsugiProxy("127.0.0.1", 0, clock)
                .allowHosts(List.of("toxiproxy.chaos.svc", " Proxy.Internal "))
                .start()) {
            for (String host : List.of("toxiproxy.chaos.svc:8474", "proxy.internal")) {
                var response = RawHttp.send(
                        other.port(),
                        "GET",
                        "/proxies",
                        "Host: " + host + "\r\nOrigin: http://" + host.replace(":8474", ""),
                        null);
                assertThat(response.status()).as(host + ": " + response.body()).isEqualTo(200);
            }
            assertThat(RawHttp.send(other.port(), "GET", "/proxies", "Host: evil.example", null)
                            .status())
                    .isEqualTo(403);
        }
        try (KintsugiProxy any = new KintsugiProxy("127.0.0.1", 0, clock)
                .allowHosts(List.of("*"))
                .start()) {
            assertThat(RawHttp.send(any.port(), "GET", "/proxies", "Host: anything.example", null)
                            .status())
                    .isEqualTo(200);
            assertThat(RawHttp.send(
                                    any.port(),
                                    "GET",
                                    "/proxies",
                                    "Host: anything.example\r\nUser-Agent: " + FIREFOX,
                                    null)
                            .status())
                    .as("browsers stay out even so")
                    .isEqualTo(403);
        }
    }

    @Test
    void bodiesAPageCanSendWithoutAskingAreRefused() throws Exception {
        for (String type : List.of("text/plain", "text/plain; charset=utf-8", "multipart/form-data; boundary=x")) {
            assertRefused(
                    RawHttp.send(
                            kintsugi.port(), "POST", "/proxies", local() + "\r\nContent-Type: " + type, create("t")),
                    415,
                    "unsupported content type");
        }
        for (String type :
                List.of("application/json", "application/json; charset=utf-8", "application/merge-patch+json")) {
            String name = "ok" + Math.abs(type.hashCode());
            var response = RawHttp.send(
                    kintsugi.port(), "POST", "/proxies", local() + "\r\nContent-Type: " + type, create(name));
            assertThat(response.status()).as(type + ": " + response.body()).isEqualTo(201);
        }
    }

    @Test
    void theToxiproxyJavaClientWorks() throws Exception {
        // HttpURLConnection: "User-Agent: Java/25", "Content-Type: application/x-www-form-urlencoded", Host 127.0.0.1
        var proxy = client.createProxy("java", "127.0.0.1:0", echo.address());
        proxy.toxics().latency("lag", eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM, 1);
        proxy.disable();
        proxy.enable();
        assertThat(client.getProxy("java").toxics().getAll()).hasSize(1);
        client.reset();
        proxy.delete();
        assertThat(client.getProxies()).isEmpty();
    }

    @Test
    void pythonRequestsHeadersAreServed() throws Exception {
        // exactly what requests 2.x sends for requests.post(url, json=...), as Chaos Toolkit's extension does
        String headers = local() + "\r\nUser-Agent: python-requests/2.32.3\r\nAccept-Encoding: gzip, deflate\r\n"
                + "Accept: */*\r\nContent-Type: application/json";
        var created = RawHttp.send(kintsugi.port(), "POST", "/proxies", headers, create("py"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var toxic = RawHttp.send(
                kintsugi.port(),
                "POST",
                "/proxies/py/toxics",
                headers,
                "{\"type\":\"latency\",\"attributes\":{\"latency\":10}}");
        assertThat(toxic.status()).as(toxic.body()).isEqualTo(200);
        var deleted = RawHttp.send(
                kintsugi.port(),
                "DELETE",
                "/proxies/py",
                headers.replace("\r\nContent-Type: application/json", ""),
                null);
        assertThat(deleted.status()).isEqualTo(204);
    }

    @Test
    void realPythonRequestsWorks(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(hasPythonRequests(), "python3 with the requests package");
        Path script = dir.resolve("client.py");
        Files.writeString(script, """
                import sys, requests
                api = sys.argv[1]
                r = requests.post(api + "/proxies", json={"name": "ctk", "listen": "127.0.0.1:0", "upstream": sys.argv[2]})
                assert r.status_code == 201, r.text
                r = requests.post(api + "/proxies/ctk/toxics", json={"type": "latency", "attributes": {"latency": 5}})
                assert r.status_code == 200, r.text
                r = requests.get(api + "/proxies/ctk/toxics")
                assert len(r.json()) == 1, r.text
                r = requests.post(api + "/proxies/ctk", json={"enabled": False})
                assert r.status_code == 200 and r.json()["enabled"] is False, r.text
                r = requests.delete(api + "/proxies/ctk")
                assert r.status_code == 204, r.text
                print("ok")
                """);
        Process python = new ProcessBuilder(
                        "python3", script.toString(), "http://127.0.0.1:" + kintsugi.port(), echo.address())
                .redirectErrorStream(true)
                .start();
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(python.getInputStream().readAllBytes());
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).contains("ok");
    }

    @Test
    void curlWithItsDefaultFormContentTypeWorks() throws Exception {
        Assumptions.assumeTrue(onPath("curl"), "curl");
        Process curl = new ProcessBuilder(
                        "curl",
                        "-s",
                        "-o",
                        "/dev/null",
                        "-w",
                        "%{http_code}",
                        "-XPOST",
                        "http://localhost:" + kintsugi.port() + "/proxies",
                        "-d",
                        create("curl"))
                .redirectErrorStream(true)
                .start();
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(curl.getInputStream().readAllBytes())).isEqualTo("201");
    }

    @Test
    void aClientThatSendsNoHostIsServed() throws Exception {
        // HTTP/1.0 without Host: no browser does that, so it is no rebinding vector
        try (Socket socket = new Socket("127.0.0.1", kintsugi.port())) {
            socket.getOutputStream().write("GET /version HTTP/1.0\r\n\r\n".getBytes());
            assertThat(new String(socket.getInputStream().readAllBytes())).startsWith("HTTP/1.1 200");
        }
    }

    private static boolean hasPythonRequests() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import requests").start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static boolean onPath(String program) {
        try {
            Process p = new ProcessBuilder(program, "--version").start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
