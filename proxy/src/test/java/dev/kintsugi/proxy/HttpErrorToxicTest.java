package dev.kintsugi.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http_error toxic answers requests itself; the upstream never sees them. */
class HttpErrorToxicTest extends ProxyTestSupport {
    private HttpServer upstream;
    private final AtomicInteger requests = new AtomicInteger();
    private final HttpClient browser =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String base;

    @BeforeEach
    void startUpstream() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        upstream.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] ok = "ok".getBytes();
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        upstream.start();
        var proxy = client.createProxy(
                "web", "127.0.0.1:0", "127.0.0.1:" + upstream.getAddress().getPort());
        base = "http://" + proxy.getListen();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return browser.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersTheChosenStatusWithoutContactingTheUpstream() throws Exception {
        assertThat(get("/before").statusCode()).isEqualTo(200);
        assertThat(requests).hasValue(1);
        var created = api(
                "POST",
                "/proxies/web/toxics",
                "{\"name\":\"unavailable\",\"type\":\"http_error\",\"stream\":\"upstream\",\"attributes\":{\"status_code\":503,\"body\":\"try later\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = i % 2 == 0 ? get("/x") : post("/form", "a=1&b=" + "x".repeat(5000));
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("try later");
        }
        assertThat(requests).as("upstream untouched").hasValue(1);

        api("POST", "/proxies/web/toxics/unavailable", "{\"attributes\":{\"probability\":0}}");
        assertThat(post("/form", "a=1").statusCode()).isEqualTo(200);
        assertThat(get("/after").statusCode()).isEqualTo(200);
        assertThat(requests).hasValue(3);
    }

    @Test
    void answersAShareOfRequests() throws Exception {
        api(
                "POST",
                "/proxies/web/toxics",
                "{\"type\":\"http_error\",\"stream\":\"upstream\",\"attributes\":{\"status_code\":500,\"probability\":0.5}}");
        int errors = 0;
        for (int i = 0; i < 200; i++) {
            if (get("/" + i).statusCode() == 500) errors++;
        }
        assertThat(errors).isBetween(60, 140);
        assertThat(requests).hasValue(200 - errors);
    }
}
