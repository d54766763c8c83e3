package dev.kintsugi.statuspage.web;

import dev.kintsugi.incident.IncidentEvent;
import dev.kintsugi.statuspage.StatusPageChanged;
import dev.kintsugi.statuspage.StatusPageProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The rendered public pages, feeds and JSON answers, reused until something public may have changed: any status
 * page change or incident event on this instance (after its commit), or on another one (through the cluster change
 * log, {@link ClusterInvalidation}), drops them all; else they expire after {@code kintsugi.statuspage.cache-ttl}
 * (which bounds what time alone changes: an override or maintenance ending, a new day on the uptime bars). The
 * ETag is the body's hash.
 */
@Component
class RenderedPages {
    static final int MAX_ENTRIES = 2_000;

    record Rendered(byte[] body, String etag, String contentType, Instant expires, long generation) {}

    private final Map<String, Rendered> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final StatusPageProperties properties;
    private final Clock clock;

    RenderedPages(StatusPageProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    Rendered get(String key, String contentType, Supplier<String> render) {
        Instant now = clock.instant();
        Rendered r = cache.get(key);
        if (r != null && r.generation() == generation.get() && now.isBefore(r.expires())) {
            return r;
        }
        long gen = generation.get();
        byte[] body = render.get().getBytes(StandardCharsets.UTF_8);
        Rendered fresh = new Rendered(body, etag(body), contentType, now.plus(properties.cacheTtl()), gen);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        if (gen == generation.get()) {
            cache.put(key, fresh);
        }
        return fresh;
    }

    void invalidate() {
        generation.incrementAndGet();
        cache.clear();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(StatusPageChanged changed) {
        invalidate();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(IncidentEvent changed) {
        invalidate();
    }

    static String etag(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(d, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
