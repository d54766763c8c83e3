package dev.kintsugi.alerting.web;

import dev.kintsugi.alerting.AlertEvent;
import dev.kintsugi.alerting.FieldMapping;
import dev.kintsugi.alerting.SourceType;
import dev.kintsugi.alerting.ingest.AlertIngestion;
import dev.kintsugi.alerting.ingest.AlertmanagerPayloads;
import dev.kintsugi.alerting.ingest.Payloads;
import dev.kintsugi.platform.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;
import tools.jackson.databind.JsonNode;

/**
 * The Alertmanager (webhook v4), Grafana and generic JSON endpoints. The integration key is the last path segment
 * ({@code /webhooks/alertmanager/<key>}) or a bearer token (Alertmanager's {@code http_config.authorization});
 * refusals are problem details: 401 for an unknown key or a wrong signature, 400 naming the field for a body the
 * sender's own tool would not send, 413 beyond the size limit, 429 over the rate, 503 when the spool cannot write.
 */
@Component
class WebhookController {
    private final AlertIngestion ingestion;

    WebhookController(AlertIngestion ingestion) {
        this.ingestion = ingestion;
    }

    ResponseEntity<?> alertmanager(ServerRequest request) {
        return receive(SourceType.ALERTMANAGER, request);
    }

    ResponseEntity<?> grafana(ServerRequest request) {
        return receive(SourceType.GRAFANA, request);
    }

    ResponseEntity<?> generic(ServerRequest request) {
        return receive(SourceType.GENERIC, request);
    }

    private ResponseEntity<?> receive(SourceType type, ServerRequest request) {
        String pathKey = request.pathVariables().get("key");
        return receive(
                type,
                key(pathKey, request.headers().firstHeader("Authorization")),
                request.headers().firstHeader(AlertIngestion.SIGNATURE),
                request.servletRequest());
    }

    private ResponseEntity<?> receive(SourceType type, String key, String signature, HttpServletRequest request) {
        byte[] body = ingestion.body(request);
        AlertIngestion.Result auth = ingestion.authenticate(key, type, body, signature);
        if (!auth.accepted()) {
            return auth.refusal() == AlertIngestion.Refusal.RATE_LIMITED
                    ? problem(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many alerts",
                            "this integration is over its rate; retry later")
                    : problem(
                            HttpStatus.UNAUTHORIZED,
                            "Unauthenticated",
                            "unknown integration key, or a missing or wrong " + AlertIngestion.SIGNATURE);
        }
        JsonNode root = ingestion.json(body);
        if (root == null) {
            throw new InvalidInputException("body", "alerting.notJson", "not JSON");
        }
        String id = ingestion.newId();
        long integration = auth.integration().id();
        AlertEvent event = switch (type) {
            case ALERTMANAGER -> AlertmanagerPayloads.alertmanager(id, integration, ingestion.now(), root, false);
            case GRAFANA -> AlertmanagerPayloads.alertmanager(id, integration, ingestion.now(), root, true);
            default ->
                Payloads.generic(
                        id,
                        integration,
                        ingestion.now(),
                        root,
                        FieldMapping.parse(auth.integration().mapping(), "mapping"));
        };
        if (!ingestion.spool(List.of(event))) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "Not accepted", "the alert could not be stored; retry");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "accepted");
        answer.put("requestId", id);
        answer.put("dedupKey", event.dedupKey());
        return ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON).body(answer);
    }

    static String key(String pathKey, String authorization) {
        if (pathKey != null && !pathKey.isBlank()) {
            return pathKey;
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }
}
