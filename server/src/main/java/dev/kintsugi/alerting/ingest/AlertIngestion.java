package dev.kintsugi.alerting.ingest;

import dev.kintsugi.alerting.AlertEvent;
import dev.kintsugi.alerting.AlertingProperties;
import dev.kintsugi.alerting.SourceType;
import dev.kintsugi.alerting.persistence.IntegrationRepository.Credentials;
import dev.kintsugi.platform.PayloadTooLargeException;
import dev.kintsugi.platform.secrets.ServerSecrets;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every webhook endpoint does before and after reading its sender's format: read the body (at most
 * {@code kintsugi.alerting.max-body-bytes}), authenticate the integration key and, for a signed integration, the
 * {@code X-Kintsugi-Signature: sha256=<hex>} HMAC over the raw body (constant-time comparison), apply the
 * integration's rate limit, and append the accepted events to the {@link Spool}: the answer is sent once they are
 * on disk, without waiting for the database.
 */
@Component
public class AlertIngestion {
    public static final String SIGNATURE = "X-Kintsugi-Signature";
    private static final Logger log = LoggerFactory.getLogger(AlertIngestion.class);

    private final IntegrationDirectory directory;
    private final ServerSecrets secrets;
    private final Spool spool;
    private final JsonMapper json;
    private final AlertingProperties properties;
    private final Clock clock;

    AlertIngestion(
            IntegrationDirectory directory,
            ServerSecrets secrets,
            Spool spool,
            JsonMapper json,
            AlertingProperties properties,
            Clock clock) {
        this.directory = directory;
        this.secrets = secrets;
        this.spool = spool;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
    }

    /** Why a request was not accepted. */
    public enum Refusal {
        UNAUTHENTICATED,
        RATE_LIMITED
    }

    /** The body, refused with 413 beyond the limit (the rest is not read). */
    public byte[] body(HttpServletRequest request) {
        int max = properties.maxBodyBytes();
        if (request.getContentLengthLong() > max) {
            throw new PayloadTooLargeException("an alert body has at most " + max + " bytes", max);
        }
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > max) {
                    throw new PayloadTooLargeException("an alert body has at most " + max + " bytes", max);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON document, or null when the body is not JSON. */
    public JsonNode json(byte[] body) {
        try {
            JsonNode n = json.readTree(body);
            return n == null || n.isMissingNode() ? null : n;
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * The integration behind this key, if the key is valid for this source, the signature is right (signed
     * integrations) and the integration is within its rate; otherwise why not.
     */
    public Result authenticate(String key, SourceType type, byte[] body, String signature) {
        Optional<Credentials> found = directory.authenticate(key, type);
        if (found.isEmpty()) {
            return new Result(null, Refusal.UNAUTHENTICATED);
        }
        Credentials c = found.get();
        if (c.sealedSecret() != null) {
            // the rotated key, in its grace period, goes with the secret it had (when it had one)
            String sealed = c.previousSealedSecret() != null
                            && c.previousKeyHash() != null
                            && !c.previousKeyHash().equals(c.keyHash())
                            && c.previousKeyHash().equals(IntegrationKeys.hash(key.trim()))
                    ? c.previousSealedSecret()
                    : c.sealedSecret();
            String secret;
            try {
                secret = secrets.unseal(sealed);
            } catch (IllegalStateException e) {
                log.error("integration {} is signed but its secret cannot be opened: {}", c.id(), e.getMessage());
                return new Result(null, Refusal.UNAUTHENTICATED);
            }
            if (!IntegrationKeys.signatureMatches(secret, body, signature)) {
                return new Result(null, Refusal.UNAUTHENTICATED);
            }
        }
        if (!directory.tryConsume(c.id())) {
            return new Result(c, Refusal.RATE_LIMITED);
        }
        return new Result(c, null);
    }

    public record Result(Credentials integration, Refusal refusal) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    public String newId() {
        return UUID.randomUUID().toString();
    }

    public java.time.Instant now() {
        return clock.instant();
    }

    /** Appends the events and waits until they are on disk; false when the spool could not take them. */
    public boolean spool(List<AlertEvent> events) {
        try {
            CompletableFuture<?>[] writes = events.stream()
                    .map(e -> spool.append(json.writeValueAsBytes(e)))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(writes).get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.error("alert spool refused {} events: {}", events.size(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
