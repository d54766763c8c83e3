package dev.kintsugi.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An API request that matched no handler because of its content type (JSON sent to an upload, say) is refused
 * before any controller is chosen, so {@link ApiProblemAdvice} (bound to REST controllers) never sees it: answer
 * it with problem details too, instead of the error page's plain JSON. Other paths keep the usual handling.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UnmatchedApiRequests {

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupported(HttpMediaTypeNotSupportedException e, HttpServletRequest request)
            throws HttpMediaTypeNotSupportedException {
        if (!request.getRequestURI().startsWith("/api/")) {
            throw e;
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content type " + (e.getContentType() == null ? "(none)" : e.getContentType())
                        + " is not accepted here; send " + MediaType.toString(e.getSupportedMediaTypes()));
        p.setTitle("Unsupported Media Type");
        p.setInstance(URI.create(request.getRequestURI()));
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(e.getSupportedMediaTypes());
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }
}
