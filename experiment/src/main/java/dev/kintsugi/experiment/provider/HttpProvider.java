package dev.kintsugi.experiment.provider;

import dev.kintsugi.experiment.ExperimentLoader;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chaos Toolkit's {@code http} provider: {@code url}, {@code method}, {@code headers}, {@code arguments} (query
 * string for GET, JSON body when the content type is JSON, form otherwise), {@code expected_status},
 * {@code timeout} (seconds, or [connect, read]), {@code verify_tls}, {@code max_retries}. Output: {@code {status,
 * headers, body}}; the body is parsed when the response is exactly {@code application/json}, as Chaos Toolkit does.
 */
public final class HttpProvider implements Provider {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private volatile HttpClient verifying;
    private volatile HttpClient trusting;

    @Override
    public void check(String label, JsonNode provider, List<String> problems, List<String> warnings) {
        if (!provider.path("url").isTextual() || provider.path("url").asText().isBlank()) {
            problems.add(label + ": the http provider requires a 'url'");
        }
        JsonNode timeout = provider.path("timeout");
        if (!timeout.isMissingNode() && !timeout.isNumber() && !timeout.isArray()) {
            problems.add(label + ": 'timeout' must be a number of seconds or [connect, read]");
        }
    }

    @Override
    public List<String> addresses(JsonNode provider) {
        return provider.path("url").isString() ? List.of(provider.path("url").asString()) : List.of();
    }

    @Override
    public JsonNode run(JsonNode provider, RunContext context) throws ActivityFailedException, InterruptedException {
        String url = provider.path("url").asText();
        String method = provider.path("method").asText("GET").toUpperCase(Locale.ROOT);
        JsonNode headers = provider.path("headers");
        JsonNode arguments = provider.path("arguments");
        Duration connectTimeout = Duration.ofSeconds(30);
        Duration readTimeout = Duration.ofSeconds(30);
        JsonNode timeout = provider.path("timeout");
        if (timeout.isNumber()) {
            connectTimeout = readTimeout = seconds(timeout.asDouble());
        } else if (timeout.isArray() && timeout.size() == 2) {
            connectTimeout = seconds(timeout.get(0).asDouble());
            readTimeout = seconds(timeout.get(1).asDouble());
        }
        boolean verifyTls = provider.path("verify_tls").asBoolean(true);
        int retries = Math.max(0, provider.path("max_retries").asInt(0));

        String contentType = null;
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(connectTimeout.plus(readTimeout));
        if (headers.isObject()) {
            for (var e : headers.properties()) {
                request.header(e.getKey(), e.getValue().asText());
                if (e.getKey().equalsIgnoreCase("content-type")) {
                    contentType = e.getValue().asText();
                }
            }
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (arguments.isObject() && !arguments.isEmpty()) {
            if (method.equals("GET") || method.equals("HEAD")) {
                url = url + (url.contains("?") ? "&" : "?") + form(arguments);
            } else if (contentType != null
                    && contentType.toLowerCase(Locale.ROOT).contains("json")) {
                body = HttpRequest.BodyPublishers.ofString(arguments.toString());
            } else {
                if (contentType == null) {
                    request.header("Content-Type", "application/x-www-form-urlencoded");
                }
                body = HttpRequest.BodyPublishers.ofString(form(arguments));
            }
        } else if (arguments.isTextual()) {
            body = HttpRequest.BodyPublishers.ofString(arguments.asText());
        }
        try {
            request.uri(URI.create(url));
        } catch (IllegalArgumentException e) {
            throw new ActivityFailedException("invalid url '" + url + "': " + e.getMessage());
        }
        request.method(method, body);
        HttpClient client = client(verifyTls, connectTimeout);
        HttpResponse<String> response = null;
        IOException last = null;
        for (int attempt = 0; attempt <= retries && response == null; attempt++) {
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                throw new ActivityFailedException("activity took too long to complete (" + url + ")", e);
            } catch (IOException e) {
                last = e;
            }
        }
        if (response == null) {
            throw new ActivityFailedException("failed to connect to " + url + ": " + last, last);
        }
        ObjectNode output = F.objectNode();
        output.put("status", response.statusCode());
        ObjectNode outHeaders = output.putObject("headers");
        response.headers().map().forEach((k, v) -> {
            if (!k.startsWith(":")) {
                outHeaders.put(k, String.join(", ", v));
            }
        });
        String text = response.body();
        String responseType = response.headers().firstValue("content-type").orElse("");
        if (responseType.equals("application/json")) {
            try {
                output.set("body", ExperimentLoader.JSON.readTree(text));
            } catch (tools.jackson.core.JacksonException e) {
                output.put("body", text);
            }
        } else {
            output.put("body", text);
        }
        JsonNode expected = provider.path("expected_status");
        if (!expected.isMissingNode() && !expected.isNull() && expected.asInt() != response.statusCode()) {
            throw new ActivityFailedException(
                    "expected status " + expected.asInt() + " but got " + response.statusCode() + " from " + url);
        }
        return output;
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.max(1, (long) (s * 1000)));
    }

    private static String form(JsonNode arguments) {
        StringJoiner joiner = new StringJoiner("&");
        arguments
                .properties()
                .forEach(e -> joiner.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(
                                e.getValue().isTextual()
                                        ? e.getValue().asText()
                                        : e.getValue().toString(),
                                StandardCharsets.UTF_8)));
        return joiner.toString();
    }

    private HttpClient client(boolean verifyTls, Duration connectTimeout) {
        // One client per TLS mode; connect timeouts are per request through the total request timeout.
        if (verifyTls) {
            if (verifying == null) {
                verifying = HttpClient.newBuilder()
                        .connectTimeout(connectTimeout)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
            }
            return verifying;
        }
        if (trusting == null) {
            try {
                SSLContext ssl = SSLContext.getInstance("TLS");
                ssl.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
                trusting = HttpClient.newBuilder()
                        .sslContext(ssl)
                        .connectTimeout(connectTimeout)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return trusting;
    }

    /** {@code verify_tls: false}: the experiment's author chose not to check the server certificate. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
