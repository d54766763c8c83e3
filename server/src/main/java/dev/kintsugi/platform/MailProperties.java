package dev.kintsugi.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing e-mail ({@code kintsugi.mail.*}); the SMTP server itself is {@code spring.mail.*}, and with no
 * {@code spring.mail.host} nothing is sent. Documented in docs/configuration.md.
 *
 * @param from the sender address of every e-mail Kintsugi sends ({@code KINTSUGI_MAIL_FROM}; the former
 *     {@code kintsugi.postmortem.mail-from} still works when this is not set)
 * @param defaultLocale the language of e-mails to people who chose none in their profile
 */
@ConfigurationProperties("kintsugi.mail")
public record MailProperties(
        @DefaultValue("kintsugi@localhost") String from,
        @DefaultValue("en") String defaultLocale) {}
