package dev.kintsugi.postmortem.web;

import dev.kintsugi.postmortem.UnsupportedImageException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An upload that is not an image this server reads: 415 problem details naming the field. */
@RestControllerAdvice(assignableTypes = PostmortemAttachmentApiController.class)
class ImageProblemAdvice {
    @ExceptionHandler(UnsupportedImageException.class)
    ResponseEntity<ProblemDetail> unsupported(UnsupportedImageException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
        p.setTitle("Unsupported media type");
        p.setInstance(URI.create(request.getRequestURI()));
        p.setProperty("field", e.field());
        p.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }
}
