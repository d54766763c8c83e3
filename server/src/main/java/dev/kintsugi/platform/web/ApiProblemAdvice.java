package dev.kintsugi.platform.web;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every API error as RFC 9457 problem details. Input errors name the offending field in {@code field} (the
 * first) and {@code errors} (all of them), so a client can point at the right box. Titles and field messages are
 * in the request's language (Accept-Language, else the account's, else English: see {@code WebConfiguration});
 * {@code field} stays the field's name in the API.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    public record FieldProblem(String field, String message) {}

    private final MessageSource messages;

    ApiProblemAdvice(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<Object> invalid(InvalidInputException e, WebRequest request) {
        return fields(
                List.of(new FieldProblem(
                        e.field(), messages.getMessage(e.resolvable(), LocaleContextHolder.getLocale()))),
                request);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle(text("problem.notFound", "Not found"));
        return handleExceptionInternal(e, p, new HttpHeaders(), HttpStatus.NOT_FOUND, request);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e, WebRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT, messages.getMessage(e.resolvable(), LocaleContextHolder.getLocale()));
        p.setTitle(text("problem.conflict", "Conflict with the current state"));
        e.properties().forEach(p::setProperty);
        return handleExceptionInternal(e, p, new HttpHeaders(), HttpStatus.CONFLICT, request);
    }

    @ExceptionHandler(dev.kintsugi.platform.StaleVersionException.class)
    ResponseEntity<Object> stale(dev.kintsugi.platform.StaleVersionException e, WebRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED, e.getMessage());
        p.setTitle(text("problem.stale", "Changed since you read it"));
        p.setProperty("field", dev.kintsugi.platform.Versions.IF_MATCH);
        p.setProperty("currentVersion", e.current());
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(dev.kintsugi.platform.Versions.etag(e.current()));
        return handleExceptionInternal(e, p, headers, HttpStatus.PRECONDITION_FAILED, request);
    }

    @ExceptionHandler(dev.kintsugi.platform.PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(dev.kintsugi.platform.PayloadTooLargeException e, WebRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        p.setTitle(text("problem.tooLarge", "Too large"));
        p.setProperty("limitBytes", e.limitBytes());
        return handleExceptionInternal(e, p, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, request);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<Object> denied(RuntimeException e, WebRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(
                HttpStatus.FORBIDDEN, text("problem.forbidden.detail", "Your role does not allow this action"));
        p.setTitle(text("problem.forbidden", "Forbidden"));
        return handleExceptionInternal(e, p, new HttpHeaders(), HttpStatus.FORBIDDEN, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraint(ConstraintViolationException e, WebRequest request) {
        return fields(
                e.getConstraintViolations().stream()
                        .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                        .toList(),
                request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> mismatch(MethodArgumentTypeMismatchException e, WebRequest request) {
        // A formatter's reason (a date out of range, say) is worth passing on; a Java class name is not.
        Throwable reason = e.getMostSpecificCause();
        String why = reason instanceof IllegalArgumentException
                        && reason.getMessage() != null
                        && !reason.getMessage().contains("java.")
                        && !reason.getMessage().contains("dev.kintsugi")
                ? reason.getMessage()
                : text("problem.notAValue", "is not a valid value");
        return fields(List.of(new FieldProblem(e.getName(), "'" + e.getValue() + "' " + why)), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), message(f)))
                .toList();
        if (problems.isEmpty()) {
            problems = e.getBindingResult().getGlobalErrors().stream()
                    .map(g -> new FieldProblem(g.getObjectName(), g.getDefaultMessage()))
                    .toList();
        }
        return fields(problems, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream()
                        .map(err ->
                                new FieldProblem(r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return fields(problems, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException db && !db.getPath().isEmpty()) {
            String field = db.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse(null);
            String detail = readable(db, messages);
            return fields(List.of(new FieldProblem(field, detail)), request);
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                cause instanceof JacksonException je
                        ? "Malformed JSON: " + withoutInternals(String.valueOf(je.getOriginalMessage()))
                        : text("problem.noBody", "The request body is missing or is not valid JSON"));
        p.setTitle(text("problem.malformed", "Malformed request body"));
        return handleExceptionInternal(e, p, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * What Jackson found wrong, said for a client: an enum lists its accepted names; Java class names and
     * configuration hints are left out.
     */
    static String readable(DatabindException db, MessageSource messages) {
        if (db instanceof tools.jackson.databind.exc.MismatchedInputException m
                && m.getTargetType() != null
                && m.getTargetType().isEnum()
                && !(db instanceof tools.jackson.databind.exc.InvalidNullException)) {
            String list = dev.kintsugi.platform.Enums.list(m.getTargetType().getEnumConstants());
            return messages.getMessage(
                    "validation.oneOfByName",
                    new Object[] {list},
                    "must be one of " + list + ", by name",
                    LocaleContextHolder.getLocale());
        }
        return withoutInternals(db.getOriginalMessage() == null ? "is invalid" : db.getOriginalMessage());
    }

    /** Jackson's words without Java class names or configuration hints. */
    private static String withoutInternals(String detail) {
        // Cannot deserialize value of type `java.lang.Integer` from String "x": ... → `Integer`
        return detail.replaceAll("`(?:[a-z][a-z0-9_]*\\.)+([A-Za-z0-9_$]+)`", "`$1`")
                .replaceAll("\\s*\\(?:?\\s*(?:enable|disable) [A-Za-z.]+Feature\\.[A-Z_]+ to allow\\)?", "")
                .replaceAll("\\s*\\(for Object starting at[^)]*\\)", "")
                .replaceAll("\\s*\\(but could if[^)]*\\)", "")
                .replaceAll("\\s*\\(bound as `[^`]*`\\)", "")
                .replaceAll(":?\\s*not allowed as per `[^`]*`", "");
    }

    private ResponseEntity<Object> fields(List<FieldProblem> problems, WebRequest request) {
        ProblemDetail p = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        p.setTitle(text("problem.invalid", "Invalid input"));
        FieldProblem first = problems.isEmpty() ? new FieldProblem(null, "invalid input") : problems.get(0);
        p.setDetail((first.field() == null ? "" : first.field() + ": ") + first.message());
        if (first.field() != null) {
            p.setProperty("field", first.field());
        }
        p.setProperty(
                "errors",
                problems.stream()
                        .map(f -> f.field() == null
                                ? Map.of("message", f.message())
                                : Map.of("field", f.field(), "message", f.message()))
                        .toList());
        return handleExceptionInternal(
                new IllegalArgumentException(p.getDetail()), p, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail p && p.getInstance() == null) {
            String path = request.getDescription(false).replaceFirst("^uri=", "");
            p.setInstance(URI.create(path));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** A bundle text in the request's language, the English one when the bundle has none. */
    private String text(String code, String english) {
        return messages.getMessage(code, null, english, LocaleContextHolder.getLocale());
    }

    private static String message(FieldError f) {
        return f.getDefaultMessage() == null ? "is invalid" : f.getDefaultMessage();
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
