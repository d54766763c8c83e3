package dev.kintsugi.chaos.web;

import dev.kintsugi.chaos.InvalidExperimentText;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * The engine's validation as RFC 9457 problem details: every problem in {@code errors[]}, each naming the request
 * field ({@code definition}, {@code services}) and, inside the definition, the JSON {@code path}.
 */
@RestControllerAdvice(assignableTypes = {ExperimentApiController.class, HubApiController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class ChaosProblemAdvice {
    private final org.springframework.context.MessageSource messages;

    ChaosProblemAdvice(org.springframework.context.MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(InvalidExperimentText.class)
    ResponseEntity<ProblemDetail> invalid(InvalidExperimentText e, WebRequest request) {
        ProblemDetail p = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        java.util.Locale locale = request.getLocale();
        p.setTitle(messages.getMessage("chaos.problem.invalidExperiment", null, "Invalid experiment", locale));
        var first = e.problems().isEmpty() ? null : e.problems().get(0);
        p.setDetail(
                first == null
                        ? "invalid experiment"
                        : first.field() + ": " + messages.getMessage(first.resolvable(), locale));
        if (first != null) {
            p.setProperty("field", first.field());
        }
        p.setProperty("errors", errors(e, messages, locale));
        p.setInstance(URI.create(request.getDescription(false).replaceFirst("^uri=", "")));
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }

    static List<Map<String, String>> errors(
            InvalidExperimentText e, org.springframework.context.MessageSource messages, java.util.Locale locale) {
        return e.problems().stream()
                .map(x -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    m.put("field", x.field());
                    if (x.path() != null) {
                        m.put("path", x.path());
                    }
                    m.put("message", messages.getMessage(x.resolvable(), locale));
                    return m;
                })
                .toList();
    }
}
