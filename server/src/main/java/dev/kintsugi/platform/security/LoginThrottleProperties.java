package dev.kintsugi.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password-guessing limits ({@code kintsugi.security.login-throttle.*}), documented in docs/configuration.md. Each
 * limit is a token bucket: {@code attempts} failed logins at once, then one more every {@code period / attempts}.
 *
 * @param enabled off only for a closed test set-up
 * @param accountAttempts failed logins for one username before it must wait
 * @param accountPeriod the time in which the account's attempts come back in full
 * @param addressAttempts failed logins from one client address, whatever the username (stops a spray)
 * @param addressPeriod the time in which the address's attempts come back in full
 */
@ConfigurationProperties("kintsugi.security.login-throttle")
public record LoginThrottleProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5") int accountAttempts,
        @DefaultValue("1m") Duration accountPeriod,
        @DefaultValue("30") int addressAttempts,
        @DefaultValue("5m") Duration addressPeriod) {}
