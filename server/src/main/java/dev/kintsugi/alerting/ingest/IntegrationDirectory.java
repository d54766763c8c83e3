package dev.kintsugi.alerting.ingest;

import dev.kintsugi.alerting.AlertingProperties;
import dev.kintsugi.alerting.SourceType;
import dev.kintsugi.alerting.persistence.IntegrationRepository;
import dev.kintsugi.alerting.persistence.IntegrationRepository.Credentials;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Who may send: the integrations' credentials, kept in memory so that a webhook is authenticated without the
 * database (ingestion keeps answering while the database is away, see {@link Spool}). Reloaded after every change
 * of an integration and every 30 seconds (other instances' changes); a key not found in memory is looked up in the
 * database once. Also holds each integration's rate limit (Bucket4j).
 */
@Component
public class IntegrationDirectory {
    private static final Logger log = LoggerFactory.getLogger(IntegrationDirectory.class);
    private final IntegrationRepository repo;
    private final AlertingProperties properties;
    private final Clock clock;
    private volatile Map<String, Credentials> byHash = Map.of();
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    IntegrationDirectory(IntegrationRepository repo, AlertingProperties properties, Clock clock) {
        this.repo = repo;
        this.properties = properties;
        this.clock = clock;
    }

    /** The integration this key belongs to, if it is current or rotated within its grace period, of this source. */
    public Optional<Credentials> authenticate(String key, SourceType type) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Optional.empty();
        }
        String hash = IntegrationKeys.hash(key.trim());
        Credentials c = byHash.get(hash);
        if (c == null) {
            try {
                c = repo.credentialsByHash(hash).orElse(null);
            } catch (RuntimeException e) {
                log.debug("integration look-up without the database: {}", e.toString());
                c = null;
            }
        }
        if (c == null || c.sourceType() != type) {
            return Optional.empty();
        }
        if (hash.equals(c.previousKeyHash())
                && !hash.equals(c.keyHash())
                && (c.previousKeyExpiresAt() == null || !clock.instant().isBefore(c.previousKeyExpiresAt()))) {
            return Optional.empty();
        }
        return Optional.of(c);
    }

    /** Takes one event from the integration's bucket; false when it is over its rate. */
    public boolean tryConsume(long integrationId) {
        return buckets.computeIfAbsent(
                        integrationId,
                        id -> Bucket.builder()
                                .addLimit(Bandwidth.builder()
                                        .capacity(Math.max(1, properties.burst()))
                                        .refillGreedy(Math.max(1, properties.ratePerSecond()), Duration.ofSeconds(1))
                                        .build())
                                .build())
                .tryConsume(1);
    }

    /** Reloads once the surrounding transaction commits (at once outside one). */
    public void refreshAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    refresh();
                }
            });
        } else {
            refresh();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
    public void refresh() {
        try {
            Map<String, Credentials> next = new ConcurrentHashMap<>();
            for (Credentials c : repo.credentials()) {
                next.put(c.keyHash(), c);
                if (c.previousKeyHash() != null) {
                    next.put(c.previousKeyHash(), c);
                }
            }
            byHash = next;
        } catch (RuntimeException e) {
            log.warn("integrations not reloaded (database unavailable?): {}", e.toString());
        }
    }
}
