package dev.kintsugi.alerting.web;

import dev.kintsugi.alerting.SourceType;
import dev.kintsugi.alerting.ingest.AlertIngestion;
import dev.kintsugi.alerting.ingest.PagerDutyEvents;
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
 * PagerDuty Events API v2, answered as PagerDuty does so that a sender changes only its URL
 * ({@code https://events.pagerduty.com/v2/enqueue} → {@code <kintsugi>/webhooks/pagerduty/v2/enqueue}): 202
 * {@code {status, message, dedup_key}}; 400 {@code {status, message, errors[]}} for an unparseable or invalid
 * event, an unknown {@code routing_key} included; 429 over the rate.
 */
@Component
class PagerDutyController {
    private final AlertIngestion ingestion;

    PagerDutyController(AlertIngestion ingestion) {
        this.ingestion = ingestion;
    }

    ResponseEntity<Map<String, Object>> enqueue(ServerRequest request) {
        return receive(false, request.headers().firstHeader(AlertIngestion.SIGNATURE), request.servletRequest());
    }

    ResponseEntity<Map<String, Object>> change(ServerRequest request) {
        return receive(true, request.headers().firstHeader(AlertIngestion.SIGNATURE), request.servletRequest());
    }

    private ResponseEntity<Map<String, Object>> receive(boolean change, String signature, HttpServletRequest request) {
        byte[] body = ingestion.body(request);
        JsonNode root = ingestion.json(body);
        if (root == null || !root.isObject()) {
            return answer(
                    HttpStatus.BAD_REQUEST,
                    "Unrecognized object",
                    "Event object format is unrecognized",
                    null,
                    List.of("JSON parse error"));
        }
        JsonNode rk = root.get("routing_key");
        String routingKey = rk == null || !rk.isString() ? null : rk.asString();
        if (routingKey == null || routingKey.isBlank()) {
            return invalid(List.of("'routing_key' is missing or blank"));
        }
        AlertIngestion.Result auth = ingestion.authenticate(routingKey, SourceType.PAGERDUTY, body, signature);
        if (!auth.accepted()) {
            if (auth.refusal() == AlertIngestion.Refusal.RATE_LIMITED) {
                return answer(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "throttle event",
                        "Requests for this service are arriving too quickly.  Please retry later.",
                        null,
                        null);
            }
            return invalid(List.of("Invalid routing key"));
        }
        String id = ingestion.newId();
        PagerDutyEvents.PagerDutyResult r = change
                ? PagerDutyEvents.pagerDutyChange(id, auth.integration().id(), ingestion.now(), root)
                : PagerDutyEvents.pagerDuty(id, auth.integration().id(), ingestion.now(), root);
        if (!r.errors().isEmpty()) {
            return invalid(r.errors());
        }
        if (!ingestion.spool(List.of(r.event()))) {
            return answer(HttpStatus.SERVICE_UNAVAILABLE, "error", "The event could not be stored; retry", null, null);
        }
        return change
                ? answer(HttpStatus.ACCEPTED, "success", "Change event processed", null, null)
                : answer(
                        HttpStatus.ACCEPTED,
                        "success",
                        "Event processed",
                        r.event().dedupKey(),
                        null);
    }

    private static ResponseEntity<Map<String, Object>> invalid(List<String> errors) {
        return answer(HttpStatus.BAD_REQUEST, "invalid event", "Event object is invalid", null, errors);
    }

    private static ResponseEntity<Map<String, Object>> answer(
            HttpStatus status, String s, String message, String dedupKey, List<String> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", s);
        body.put("message", message);
        if (dedupKey != null) {
            body.put("dedup_key", dedupKey);
        }
        if (errors != null) {
            body.put("errors", errors);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
