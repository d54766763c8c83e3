package dev.kintsugi.postmortem.web;

import dev.kintsugi.platform.Versions;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;
import org.springframework.http.ResponseEntity;

/** The platform's optimistic-concurrency convention on post-mortem API responses: ETag out, If-Match in. */
final class ApiVersions {
    private ApiVersions() {}

    /** The version an {@code If-Match} header expects, or null (absent or {@code *}); 400 if malformed. */
    static Long expected(String ifMatch) {
        OptionalLong v = Versions.ifMatch(ifMatch);
        return v.isPresent() ? v.getAsLong() : null;
    }

    /** 200 with the body and {@code ETag: "<version>"}. */
    static <T> ResponseEntity<T> ok(T body, ToLongFunction<T> version) {
        return ResponseEntity.ok()
                .eTag(Versions.etag(version.applyAsLong(body)))
                .body(body);
    }
}
