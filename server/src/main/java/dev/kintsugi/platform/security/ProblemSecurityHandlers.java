package dev.kintsugi.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 for the API as RFC 9457 problem details, not a redirect to the login page; the title and the 403's
 * detail in the request's language (Accept-Language, English by default).
 */
@Component
class ProblemSecurityHandlers {
    private static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH);

    private final JsonMapper json;
    private final MessageSource messages;

    ProblemSecurityHandlers(JsonMapper json, MessageSource messages) {
        this.json = json;
        this.messages = messages;
    }

    AuthenticationEntryPoint entryPoint() {
        return (request, response, e) ->
                unauthorized(request, response, "Send a personal API token as 'Authorization: Bearer <token>'");
    }

    AccessDeniedHandler accessDenied() {
        return (request, response, e) -> write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                text(request, "problem.forbidden.detail", "Your role does not allow this action"));
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"kintsugi\"");
        write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    void tooManyRequests(
            HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds, String detail)
            throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        write(request, response, HttpStatus.TOO_MANY_REQUESTS, detail + "; retry in " + retryAfterSeconds + " s");
    }

    private String text(HttpServletRequest request, String code, String english) {
        Locale locale = Locale.ENGLISH;
        String asked = request.getHeader("Accept-Language");
        if (asked != null) {
            try {
                locale = Objects.requireNonNullElse(
                        Locale.lookup(Locale.LanguageRange.parse(asked), LANGUAGES), Locale.ENGLISH);
            } catch (IllegalArgumentException malformed) {
                // a header that is not a language range asks for nothing: English
            }
        }
        return messages.getMessage(code, null, english, locale);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        String title = switch (status) {
            case UNAUTHORIZED -> text(request, "problem.unauthorized", "Unauthorized");
            case FORBIDDEN -> text(request, "problem.forbidden", "Forbidden");
            case TOO_MANY_REQUESTS -> text(request, "problem.tooManyRequests", "Too Many Requests");
            default -> status.getReasonPhrase();
        };
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
