package dev.kintsugi.postmortem.mail;

import dev.kintsugi.postmortem.PostmortemMailProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends multipart (text and HTML) e-mails through {@code spring.mail.*}. With no mail host configured there is no
 * {@link JavaMailSender}: nothing is sent and a log line says so.
 */
@Component
public class Mailer {
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final PostmortemMailProperties properties;

    Mailer(ObjectProvider<JavaMailSender> sender, PostmortemMailProperties properties) {
        this.sender = sender;
        this.properties = properties;
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

    /** Sends one message; answers false (and logs why) when it could not be sent. */
    public boolean send(String to, String subject, String text, String html) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            log.info("No mail host configured (spring.mail.host): not sending \"{}\" to {}", subject, to);
            return false;
        }
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(properties.mailFrom());
            helper.setTo(to);
            helper.setSubject(subject);
            helper.setText(text, html);
            mail.send(message);
            return true;
        } catch (MessagingException | MailException e) {
            log.warn("Could not send \"{}\" to {}: {}", subject, to, e.getMessage());
            return false;
        }
    }
}
