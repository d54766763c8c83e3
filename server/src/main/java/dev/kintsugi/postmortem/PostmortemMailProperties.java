package dev.kintsugi.postmortem;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * E-mail settings of the post-mortem module ({@code kintsugi.postmortem.*}); the SMTP server itself is
 * {@code spring.mail.*}, the sender {@code kintsugi.mail.from}. With no {@code spring.mail.host} nothing is sent.
 *
 * @param reminderDaysBefore how many days before a countermeasure's due date its owners are reminded
 * @param reminderCron when the reminder job runs (Spring cron, UTC); overdue ones are reminded once, then weekly
 * @param digestCron when the weekly digest of published post-mortems goes out (Spring cron, UTC)
 */
@ConfigurationProperties("kintsugi.postmortem")
public record PostmortemMailProperties(
        @DefaultValue("3") int reminderDaysBefore,
        @DefaultValue("0 0 7 * * *") String reminderCron,
        @DefaultValue("0 0 8 * * MON") String digestCron) {}
