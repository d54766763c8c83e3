package dev.kintsugi.alerting.web;

import dev.kintsugi.alerting.AlertEvent.Action;
import dev.kintsugi.alerting.SourceType;
import dev.kintsugi.alerting.ingest.AlertIngestion;
import dev.kintsugi.alerting.ingest.OpsgenieAlerts;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;
import tools.jackson.databind.JsonNode;

/**
 * Opsgenie's Alert API v2 for senders moving off Opsgenie: create, acknowledge, close and add a note, the alert
 * named by its {@code alias} ({@code identifierType=alias}); {@code Authorization: GenieKey <key>}. Answers as
 * Opsgenie: 202 {@code {result, took, requestId}}, 401 {@code {message, took, requestId}}, 422 with
 * {@code errors} by field, 429 over the rate.
 */
@Component
class OpsgenieController {
    private final AlertIngestion ingestion;

    OpsgenieController(AlertIngestion ingestion) {
        this.ingestion = ingestion;
    }

    ResponseEntity<Map<String, Object>> create(ServerRequest request) {
        return receive(null, request);
    }

    ResponseEntity<Map<String, Object>> acknowledge(ServerRequest request) {
        return receive(Action.ACKNOWLEDGE, request);
    }

    ResponseEntity<Map<String, Object>> close(ServerRequest request) {
        return receive(Action.RESOLVE, request);
    }

    ResponseEntity<Map<String, Object>> note(ServerRequest request) {
        return receive(Action.NOTE, request);
    }

    private ResponseEntity<Map<String, Object>> receive(Action action, ServerRequest request) {
        return receive(
                action == null ? null : request.pathVariable("identifier"),
                request.param("identifierType").orElse("id"),
                action,
                request.headers().firstHeader("Authorization"),
                request.headers().firstHeader(AlertIngestion.SIGNATURE),
                request.servletRequest());
    }

    private ResponseEntity<Map<String, Object>> receive(
            String identifier,
            String identifierType,
            Action action,
            String authorization,
            String signature,
            HttpServletRequest request) {
        long started = System.nanoTime();
        String id = ingestion.newId();
        byte[] body = ingestion.body(request);
        String key = authorization != null && authorization.regionMatches(true, 0, "GenieKey ", 0, 9)
                ? authorization.substring(9).trim()
                : null;
        AlertIngestion.Result auth = ingestion.authenticate(key, SourceType.OPSGENIE, body, signature);
        if (!auth.accepted()) {
            return auth.refusal() == AlertIngestion.Refusal.RATE_LIMITED
                    ? answer(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "message",
                            "You are making too many requests!",
                            null,
                            id,
                            started)
                    : answer(HttpStatus.UNAUTHORIZED, "message", "Could not authenticate", null, id, started);
        }
        JsonNode root = body.length == 0 && action != null ? null : ingestion.json(body);
        if (root == null && (action == null || body.length > 0) || root != null && !root.isObject()) {
            return answer(
                    HttpStatus.BAD_REQUEST,
                    "message",
                    "Request body is not processable. Please check the errors.",
                    Map.of("body", "Request body is not a valid JSON object."),
                    id,
                    started);
        }
        OpsgenieAlerts.OpsgenieResult r;
        if (action == null) {
            r = OpsgenieAlerts.opsgenieCreate(id, auth.integration().id(), ingestion.now(), root);
        } else if (!"alias".equalsIgnoreCase(identifierType)) {
            r = new OpsgenieAlerts.OpsgenieResult(
                    null,
                    Map.of("identifierType", "Only identifierType=alias is supported here (use the alert's alias)."));
        } else {
            r = OpsgenieAlerts.opsgenieAction(id, auth.integration().id(), ingestion.now(), identifier, action, root);
        }
        if (!r.errors().isEmpty()) {
            return answer(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "message",
                    "Request body is not processable. Please check the errors.",
                    r.errors(),
                    id,
                    started);
        }
        if (!ingestion.spool(List.of(r.event()))) {
            return answer(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "message",
                    "Could not store the request; retry.",
                    null,
                    id,
                    started);
        }
        return answer(HttpStatus.ACCEPTED, "result", "Request will be processed", null, id, started);
    }

    private static ResponseEntity<Map<String, Object>> answer(
            HttpStatus status, String field, String text, Map<String, String> errors, String requestId, long started) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(field, text);
        if (errors != null) {
            body.put("errors", errors);
        }
        body.put("took", Math.round((System.nanoTime() - started) / 1_000_000.0) / 1000.0);
        body.put("requestId", requestId);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
