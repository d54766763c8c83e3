package dev.kintsugi.platform.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the event publication registry keeps what it no longer needs ({@code kintsugi.events.*}).
 *
 * @param purgeCron when the purge runs (UTC, Spring cron with seconds)
 * @param completedRetention completed publications older than this are deleted from the archive
 * @param staleAfter an incomplete publication older than this is logged as stale at every purge (its listener
 *     failed, or never ran): it is kept, so it can still be resubmitted
 * @param incompleteRetention when set, stale incomplete publications older than this are deleted (and logged with
 *     their event); unset keeps them until someone deals with them
 */
@ConfigurationProperties("kintsugi.events")
public record EventPublicationProperties(
        @DefaultValue("0 17 3 * * *") String purgeCron,
        @DefaultValue("7d") Duration completedRetention,
        @DefaultValue("1h") Duration staleAfter,
        Duration incompleteRetention) {

    public EventPublicationProperties {
        if (completedRetention.isNegative() || staleAfter.isNegative()) {
            throw new IllegalArgumentException("kintsugi.events retention periods must not be negative");
        }
        if (incompleteRetention != null && incompleteRetention.compareTo(staleAfter) < 0) {
            throw new IllegalArgumentException(
                    "kintsugi.events.incomplete-retention must not be shorter than kintsugi.events.stale-after");
        }
    }
}
