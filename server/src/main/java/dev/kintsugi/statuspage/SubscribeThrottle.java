package dev.kintsugi.statuspage;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Slows down the public subscribe form ({@code POST /status/subscribe}) with Bucket4j token buckets held by each
 * instance: {@value #PER_CLIENT} requests per hour per client address (any request, valid or not) and
 * {@value #PER_EMAIL} per e-mail address (so nobody floods someone's mailbox with confirmation mails), each
 * refilled evenly over the hour. Time comes from the injected clock. The least recently used buckets go first,
 * so a spray of addresses cannot exhaust memory.
 */
@Component
public class SubscribeThrottle {
    public static final int PER_CLIENT = 10;
    public static final int PER_EMAIL = 3;
    static final Duration PERIOD = Duration.ofHours(1);
    private static final int MAX_BUCKETS = 10_000;

    private final TimeMeter time;
    private final Map<String, Bucket> clients = lru();
    private final Map<String, Bucket> emails = lru();

    SubscribeThrottle(Clock clock) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Spends a request of this client address; the wait when it has none left. */
    public Optional<Duration> client(String address) {
        return spend(clients, address == null ? "" : address, PER_CLIENT);
    }

    /** Spends a request for this (valid) e-mail address; the wait when it has none left. */
    public Optional<Duration> email(String email) {
        return spend(emails, email.strip().toLowerCase(Locale.ROOT), PER_EMAIL);
    }

    private Optional<Duration> spend(Map<String, Bucket> buckets, String key, int perHour) {
        Bucket bucket = buckets.computeIfAbsent(
                key,
                k -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(perHour).refillGreedy(perHour, PERIOD))
                        .withCustomTimePrecision(time)
                        .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private static <V> Map<String, V> lru() {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MAX_BUCKETS;
            }
        });
    }
}
