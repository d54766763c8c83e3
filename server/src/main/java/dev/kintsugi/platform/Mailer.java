package dev.kintsugi.platform;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Sends e-mails through {@code spring.mail.*}, from {@code kintsugi.mail.from}. A message is two Thymeleaf
 * templates, {@code templates/mail/<name>.html} and {@code templates/mail/<name>.txt} (the plain-text
 * alternative), rendered in the recipient's language with the application's message bundles; the subject is a
 * bundle key. With no mail host configured there is no {@link JavaMailSender}: nothing is sent and a log line
 * says so.
 */
@Component
public class Mailer {
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MailProperties properties;
    private final MessageSource messages;
    private final SpringTemplateEngine templates;

    Mailer(ObjectProvider<JavaMailSender> sender, MailProperties properties, MessageSource messages) {
        this.sender = sender;
        this.properties = properties;
        this.messages = messages;
        this.templates = new SpringTemplateEngine();
        templates.addTemplateResolver(resolver(TemplateMode.HTML, ".html", 1));
        templates.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt", 2));
        templates.setTemplateEngineMessageSource(messages);
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix, int order) {
        ClassLoaderTemplateResolver r = new ClassLoaderTemplateResolver();
        r.setPrefix("templates/mail/");
        r.setTemplateMode(mode);
        r.setCharacterEncoding("UTF-8");
        r.setResolvablePatterns(java.util.Set.of("*" + suffix));
        r.setOrder(order);
        r.setCacheable(true);
        r.setCheckExistence(true);
        return r;
    }

    /** A rendered message: subject, plain text and HTML. */
    public record Mail(String subject, String text, String html) {}

    /** The language to write to this person in: their profile's, else {@code kintsugi.mail.default-locale}. */
    public Locale localeOf(UserAccount recipient) {
        String tag = recipient == null
                        || recipient.locale() == null
                        || recipient.locale().isBlank()
                ? properties.defaultLocale()
                : recipient.locale();
        return Locale.forLanguageTag(tag);
    }

    /**
     * Renders {@code templates/mail/<template>.html} and {@code .txt} with {@code model} in {@code locale}; the
     * subject is the bundle message {@code subjectKey} with {@code subjectArgs}.
     */
    public Mail render(
            String template, Locale locale, Map<String, Object> model, String subjectKey, Object... subjectArgs) {
        Context context = new Context(locale, model);
        return new Mail(
                messages.getMessage(subjectKey, subjectArgs, locale),
                templates.process(template + ".txt", context),
                templates.process(template + ".html", context));
    }

    public boolean configured() {
        return sender.getIfAvailable() != null;
    }

    /** Logs that {@code what} is not sent because no mail host is configured; answers whether mail can go out. */
    public boolean ready(String what) {
        if (configured()) {
            return true;
        }
        log.info("No mail host configured (spring.mail.host): {} not sent", what);
        return false;
    }

    /** Sends one rendered message; answers false (and logs why) when it could not be sent. */
    public boolean send(String to, Mail mail) {
        return send(to, mail.subject(), mail.text(), mail.html());
    }

    /** Sends one message; answers false (and logs why) when it could not be sent. */
    public boolean send(String to, String subject, String text, String html) {
        return send(to, subject, text, html, Map.of());
    }

    /** A file sent with a message: its name, media type and text. */
    public record Attachment(String filename, String contentType, String content) {}

    /** Sends one rendered message with files attached; answers false (and logs why) when it could not be sent. */
    public boolean send(String to, Mail mail, java.util.List<Attachment> attachments) {
        return send(to, mail.subject(), mail.text(), mail.html(), Map.of(), java.util.List.copyOf(attachments));
    }

    private boolean send(String to, String subject, String text, String html, Map<String, String> headers) {
        return send(to, subject, text, html, headers, java.util.List.of());
    }

    private boolean send(
            String to,
            String subject,
            String text,
            String html,
            Map<String, String> headers,
            java.util.List<Attachment> attachments) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            log.info("No mail host configured (spring.mail.host): not sending \"{}\" to {}", subject, to);
            return false;
        }
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text, html);
            for (Attachment a : attachments) {
                helper.addAttachment(
                        a.filename(),
                        new org.springframework.core.io.ByteArrayResource(
                                a.content().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        a.contentType());
            }
            for (var h : headers.entrySet()) {
                message.setHeader(h.getKey(), h.getValue());
            }
            mail.send(message);
            return true;
        } catch (MessagingException | MailException e) {
            log.warn("Could not send \"{}\" to {}: {}", subject, to, e.getMessage());
            return false;
        }
    }

    /**
     * Sends one rendered message with extra headers (the status page's {@code List-Unsubscribe} and {@code
     * List-Unsubscribe-Post}, RFC 8058); answers false (and logs why) when it could not be sent.
     */
    public boolean send(String to, Mail mail, Map<String, String> headers) {
        return send(to, mail.subject(), mail.text(), mail.html(), Map.copyOf(headers));
    }
}
