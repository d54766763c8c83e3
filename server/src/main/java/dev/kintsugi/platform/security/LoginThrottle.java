package dev.kintsugi.platform.security;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Slows password guessing down with two Bucket4j token buckets: one per username (a guesser of one account) and
 * one per client address (a spray over many accounts). Only failed logins spend a token; while either bucket is
 * empty, a login is refused before its password is even checked, for the few seconds until a token is back, so a
 * real user is never locked out for long. A success refills the account's bucket. Starting to throttle is
 * audited (once per bucket running dry, not per refused try). Time comes from the injected clock.
 */
@Component
class LoginThrottle {
    /** Buckets kept per kind; the least recently used go first, so a spray of names cannot exhaust memory. */
    private static final int MAX_BUCKETS = 10_000;

    private final LoginThrottleProperties settings;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final TimeMeter time;
    private final Map<String, Bucket> accounts = lru();
    private final Map<String, Bucket> addresses = lru();

    LoginThrottle(LoginThrottleProperties settings, AuditLog audit, TransactionTemplate tx, Clock clock) {
        this.settings = settings;
        this.audit = audit;
        this.tx = tx;
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

    /** How long this login must wait before its password is checked; empty when it may go ahead. */
    Optional<Duration> wait(String username, String address) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        long nanos = Math.max(
                waitNanos(accounts, key(username), settings.accountAttempts(), settings.accountPeriod()),
                waitNanos(addresses, address, settings.addressAttempts(), settings.addressPeriod()));
        return nanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    /** How long a client address must wait before its next API token is checked; empty when it may go ahead. */
    Optional<Duration> waitForAddress(String address) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        long nanos = waitNanos(addresses, address, settings.addressAttempts(), settings.addressPeriod());
        return nanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    /** An unknown, expired or revoked API token: spends a token of the address's bucket. */
    void failedToken(String address) {
        if (settings.enabled() && spend(addresses, address, settings.addressAttempts(), settings.addressPeriod())) {
            Actor.runAsSystem(
                    "throttle repeated unknown API tokens",
                    () -> tx.executeWithoutResult(s -> audit.record(
                            "login.throttled",
                            "client-address",
                            address,
                            "API calls from " + address + " slowed down after repeated unknown tokens",
                            null,
                            Map.of("address", address))));
        }
    }

    /** A wrong password (or an unknown or disabled account): spends a token of both buckets. */
    void failed(String username, String address) {
        if (!settings.enabled()) {
            return;
        }
        boolean accountDry = spend(accounts, key(username), settings.accountAttempts(), settings.accountPeriod());
        boolean addressDry = spend(addresses, address, settings.addressAttempts(), settings.addressPeriod());
        if (accountDry || addressDry) {
            String who = key(username);
            Actor.runAsSystem(
                    "throttle repeated wrong passwords",
                    () -> tx.executeWithoutResult(s -> audit.record(
                            "login.throttled",
                            accountDry ? "user" : "client-address",
                            accountDry ? who : address,
                            "Logins " + (accountDry ? "as " + who : "from " + address)
                                    + " slowed down after repeated wrong passwords",
                            null,
                            Map.of("username", who, "address", address))));
        }
    }

    /** The right password: that account's failures are forgiven (the address's are not: a spray may succeed). */
    void succeeded(String username) {
        accounts.remove(key(username));
    }

    /** Spends one token; true when that was the last one (the bucket just ran dry). */
    private boolean spend(Map<String, Bucket> buckets, String key, int attempts, Duration period) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> bucket(attempts, period));
        return bucket.tryConsume(1) && bucket.getAvailableTokens() == 0;
    }

    private static long waitNanos(Map<String, Bucket> buckets, String key, int attempts, Duration period) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            return 0;
        }
        var probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill();
    }

    private Bucket bucket(int attempts, Duration period) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(attempts).refillGreedy(attempts, period))
                .withCustomTimePrecision(time)
                .build();
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
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
