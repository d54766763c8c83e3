package dev.kintsugi.oncall;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the on-call module ({@code kintsugi.oncall.*}).
 *
 * @param pageIncidentSeverities incidents declared with these severities page their owning teams
 * @param linkValidity how long an acknowledge/resolve link in a notification stays usable
 * @param deliveryAttempts how many times one notification is tried before it is logged as failed
 * @param retryBackoff the wait before the first retry; it doubles with every further attempt
 * @param webhookTimeout connect and answer timeout of outgoing webhooks
 * @param feedDaysBefore how many past days an iCalendar feed holds
 * @param feedDaysAfter how many coming days an iCalendar feed holds
 * @param allowedWebhookHosts host names or IP literals outgoing webhooks may reach although they are internal
 *     (loopback, link-local, private, unique-local): refused by default. The server key is in {@code
 *     platform.secrets.ServerSecrets} ({@code kintsugi.secrets.key}; {@code kintsugi.oncall.secret-key} is its
 *     deprecated alias)
 */
@ConfigurationProperties("kintsugi.oncall")
public record OnCallProperties(
        @DefaultValue({"SEV1", "SEV2"}) List<String> pageIncidentSeverities,
        @DefaultValue("24h") Duration linkValidity,
        @DefaultValue("5") int deliveryAttempts,
        @DefaultValue("30s") Duration retryBackoff,
        @DefaultValue("10s") Duration webhookTimeout,
        @DefaultValue("14") int feedDaysBefore,
        @DefaultValue("60") int feedDaysAfter,
        @DefaultValue List<String> allowedWebhookHosts) {}
