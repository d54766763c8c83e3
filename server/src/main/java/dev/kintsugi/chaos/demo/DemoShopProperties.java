package dev.kintsugi.chaos.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo shop ({@code kintsugi.chaos.demo-shop.*}), started only with demo data ({@code kintsugi.demo=true}).
 *
 * @param enabled false: no shop, no demo targets, experiments nor runs
 * @param faultDuration how long the demo experiments keep their fault in place (their method's pause)
 * @param pastRuns whether the first start runs each demo experiment once, in the background, for the history
 */
@ConfigurationProperties("kintsugi.chaos.demo-shop")
public record DemoShopProperties(Boolean enabled, Duration faultDuration, Boolean pastRuns) {
    public DemoShopProperties {
        enabled = enabled == null || enabled;
        faultDuration = faultDuration == null || faultDuration.isNegative() ? Duration.ofSeconds(10) : faultDuration;
        pastRuns = pastRuns == null || pastRuns;
    }
}
