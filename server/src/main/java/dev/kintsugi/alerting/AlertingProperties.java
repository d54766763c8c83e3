package dev.kintsugi.alerting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alerting settings ({@code kintsugi.alerting.*}), documented in docs/configuration.md.
 *
 * @param namePattern what an alert definition's name must look like ({@code <application>.<squad>.<description>})
 * @param spoolDir where accepted events are appended (fsync'd) before they are processed
 * @param maxBodyBytes the largest webhook body accepted (413 beyond)
 * @param ratePerSecond events per second per integration, sustained (429 beyond)
 * @param burst events an integration may send at once above the sustained rate
 * @param keyGrace how long a rotated integration key keeps working
 * @param flappingChanges state changes within {@code flappingWindow} that make an alert flapping
 * @param flappingWindow the window flapping is counted in
 * @param chaosAlerts what an alert does while a chaos run is in progress on its service: notify the run's starter
 *     ({@code notify-owner}, the default), page on-call as usual ({@code page}), or nothing ({@code suppress});
 *     it is marked expected in every case
 */
@ConfigurationProperties("kintsugi.alerting")
public record AlertingProperties(
        @DefaultValue("[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*\\.[a-z][a-z0-9_-]*")
        String namePattern,

        @DefaultValue("./data/alerting-spool") String spoolDir,
        @DefaultValue("1048576") int maxBodyBytes,
        @DefaultValue("1000") int ratePerSecond,
        @DefaultValue("5000") int burst,
        @DefaultValue("24h") Duration keyGrace,
        @DefaultValue("4") int flappingChanges,
        @DefaultValue("30m") Duration flappingWindow,
        @DefaultValue("notify-owner") ChaosAlerts chaosAlerts) {

    /** What an alert expected from a chaos run does. */
    public enum ChaosAlerts {
        NOTIFY_OWNER,
        PAGE,
        SUPPRESS
    }
}
