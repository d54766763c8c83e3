package dev.kintsugi.alerting.web;

import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.PayloadTooLargeException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The webhook endpoints as functional routes, not {@code @Controller}s: the page advice of the web UI (which reads
 * the viewer's account in the database for every controller) does not run for them, so ingestion answers from the
 * spool while the database is away. Errors are answered here as problem details naming the field, as the API's.
 */
@Configuration
class WebhookRoutes {
    @Bean
    RouterFunction<ServerResponse> alertWebhooks(
            WebhookController generic, PagerDutyController pagerDuty, OpsgenieController opsgenie) {
        return RouterFunctions.route()
                .POST("/webhooks/alertmanager/{key}", r -> respond(generic::alertmanager, r))
                .POST("/webhooks/alertmanager", r -> respond(generic::alertmanager, r))
                .POST("/webhooks/grafana/{key}", r -> respond(generic::grafana, r))
                .POST("/webhooks/grafana", r -> respond(generic::grafana, r))
                .POST("/webhooks/generic/{key}", r -> respond(generic::generic, r))
                .POST("/webhooks/generic", r -> respond(generic::generic, r))
                .POST("/webhooks/pagerduty/v2/enqueue", r -> respond(pagerDuty::enqueue, r))
                .POST("/webhooks/pagerduty/v2/change/enqueue", r -> respond(pagerDuty::change, r))
                .POST("/webhooks/opsgenie/v2/alerts", r -> respond(opsgenie::create, r))
                .POST("/webhooks/opsgenie/v2/alerts/{identifier}/acknowledge", r -> respond(opsgenie::acknowledge, r))
                .POST("/webhooks/opsgenie/v2/alerts/{identifier}/close", r -> respond(opsgenie::close, r))
                .POST("/webhooks/opsgenie/v2/alerts/{identifier}/notes", r -> respond(opsgenie::note, r))
                .build();
    }

    private static ServerResponse respond(Function<ServerRequest, ResponseEntity<?>> handler, ServerRequest request) {
        ResponseEntity<?> answer;
        try {
            answer = handler.apply(request);
        } catch (InvalidInputException e) {
            ProblemDetail p = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
            p.setTitle("Invalid input");
            p.setDetail((e.field() == null ? "" : e.field() + ": ") + e.getMessage());
            if (e.field() != null) {
                p.setProperty("field", e.field());
            }
            p.setProperty(
                    "errors",
                    List.of(
                            e.field() == null
                                    ? Map.of("message", e.getMessage())
                                    : Map.of("field", e.field(), "message", e.getMessage())));
            answer = problem(p);
        } catch (PayloadTooLargeException e) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
            p.setTitle("Too large");
            p.setProperty("limitBytes", e.limitBytes());
            answer = problem(p);
        }
        ServerResponse.BodyBuilder b = ServerResponse.status(answer.getStatusCode());
        answer.getHeaders().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
        return answer.getBody() == null ? b.build() : b.body(answer.getBody());
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }
}
