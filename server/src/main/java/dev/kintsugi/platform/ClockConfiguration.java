package dev.kintsugi.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock everything takes time from: inject {@link java.time.Clock} (never call {@code Instant.now()}).
 * It is an {@link AdjustableClock} over the system's UTC clock, so start-up work can import history at its own
 * time ({@link AdjustableClock#runAt}) and tests can inject {@code AdjustableClock} to run code at a chosen
 * instant. Its zone is UTC; pages show times in the viewer's zone through {@link Times}.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    AdjustableClock clock() {
        return new AdjustableClock();
    }
}
