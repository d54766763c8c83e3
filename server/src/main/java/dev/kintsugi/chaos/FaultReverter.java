package dev.kintsugi.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Removes a journaled fault from its data plane, from the journal alone (no run needed): a toxic is deleted, a
 * disabled proxy enabled again, through the Toxiproxy API (Kintsugi proxy or Toxiproxy). "Already gone" counts as
 * reverted (its lease may have ended).
 */
@Component
class FaultReverter {
    private final HttpClient http;
    private final Duration timeout;
    private final FaultRepository faultRows;
    private final dev.kintsugi.experiment.KubernetesAccess kubernetes;

    FaultReverter(ChaosProperties properties, FaultRepository faultRows) {
        this.timeout = properties.checkTimeout();
        this.faultRows = faultRows;
        this.kubernetes = Engine.kubernetes(
                properties.kubernetes().apiUrl(), properties.kubernetes().token());
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The cluster Kubernetes activities and reverts reach (the server's configuration only). */
    dev.kintsugi.experiment.KubernetesAccess kubernetes() {
        return kubernetes;
    }

    /** Null when the fault is gone, else why it could not be removed. */
    String revert(FaultView fault) {
        var record = faultRows.faultRecord(fault.id());
        if (record.isPresent()) {
            return Engine.revert(record.get(), timeout, kubernetes);
        }
        return revertByHand(fault);
    }

    /** Rows journaled before the engine reported faults: a toxic or a disabled proxy, from the columns. */
    private String revertByHand(FaultView fault) {
        String base = fault.apiUrl() + "/proxies/" + enc(fault.proxy());
        HttpRequest request;
        try {
            request = "TOXIC".equals(fault.kind()) || "toxic".equals(fault.kind())
                    ? HttpRequest.newBuilder(URI.create(base + "/toxics/" + enc(fault.toxic())))
                            .timeout(timeout)
                            .DELETE()
                            .build()
                    : HttpRequest.newBuilder(URI.create(base))
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"enabled\":true}"))
                            .build();
        } catch (IllegalArgumentException e) {
            return "not a valid address: " + e.getMessage();
        }
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 == 2 || r.statusCode() == 404) {
                return null;
            }
            String body = r.body() == null ? "" : r.body();
            return "the proxy answered " + r.statusCode() + " " + body.substring(0, Math.min(200, body.length()));
        } catch (IOException e) {
            return "the proxy did not answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
