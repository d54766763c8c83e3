package dev.kintsugi.experiment.provider;

import dev.kintsugi.experiment.ExperimentLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/** A small JSON-over-HTTP client for the APIs the kintsugi provider drives (Toxiproxy, actuator, Prometheus). */
final class JsonHttp {

    record Response(int status, JsonNode body, String text) {}

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private JsonHttp() {}

    static Response send(String method, String url, JsonNode body, Duration timeout)
            throws ActivityFailedException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = NullNode.instance;
            try {
                if (!response.body().isBlank()) {
                    parsed = ExperimentLoader.JSON.readTree(response.body());
                }
            } catch (tools.jackson.core.JacksonException notJson) {
                parsed = ExperimentLoader.JSON.getNodeFactory().textNode(response.body());
            }
            return new Response(response.statusCode(), parsed, response.body());
        } catch (IOException e) {
            throw new ActivityFailedException(method + " " + url + " failed: " + e, e);
        }
    }
}
