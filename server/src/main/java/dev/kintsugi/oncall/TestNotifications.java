package dev.kintsugi.oncall;

import dev.kintsugi.oncall.notify.Channel;
import dev.kintsugi.oncall.notify.Message;
import dev.kintsugi.oncall.notify.Senders;
import dev.kintsugi.oncall.persistence.ContactRepository;
import dev.kintsugi.oncall.persistence.DeliveryRepository.Delivery;
import dev.kintsugi.oncall.persistence.TestDeliveryRepository;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.Mailer;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.secrets.ServerSecrets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Send a test notification": one message through one of the caller's contact methods, by the real sender, at once
 * (no retry), its outcome in the delivery log (kind {@code TEST}, no page) and the audit log.
 */
@Service
@Transactional
public class TestNotifications {
    private final ContactRepository contacts;
    private final TestDeliveryRepository pages;
    private final ServerSecrets secrets;
    private final Senders senders;
    private final UserManagement users;
    private final Mailer mailer;
    private final MessageSource messages;
    private final AuditLog audit;
    private final Clock clock;

    TestNotifications(
            ContactRepository contacts,
            TestDeliveryRepository pages,
            ServerSecrets secrets,
            Senders senders,
            UserManagement users,
            Mailer mailer,
            MessageSource messages,
            AuditLog audit,
            Clock clock) {
        this.contacts = contacts;
        this.pages = pages;
        this.secrets = secrets;
        this.senders = senders;
        this.users = users;
        this.mailer = mailer;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    /** The outcome of a test: {@code error} is null when delivered, else a reason safe to show. */
    public record Outcome(long deliveryId, Channel channel, String hint, boolean delivered, String error)
            implements java.io.Serializable {}

    /** Sends a test notification through the caller's contact method {@code methodId}. */
    public Outcome send(long methodId) {
        String me = Actor.current();
        var m = contacts.method(methodId)
                .filter(x -> x.username().equals(me))
                .orElseThrow(() -> new NotFoundException("Contact method", methodId));
        Channel channel = Channel.valueOf(m.channel());
        Locale locale = mailer.localeOf(users.find(me).orElse(null));
        String error = null;
        try {
            String target = secrets.unseal(m.targetSecret());
            String signing = m.signingSecret() == null ? null : secrets.unseal(m.signingSecret());
            senders.send(channel, target, signing, message(locale), locale);
        } catch (Senders.DeliveryFailed e) {
            error = e.getMessage();
        }
        long id = pages.insertTestDelivery(
                me, m.channel(), m.id(), m.targetHint(), error == null ? "SENT" : "FAILED", error, clock.instant());
        audit.record(
                "oncall.contact.tested",
                "user",
                me,
                m.channel() + " " + m.targetHint() + (error == null ? " delivered" : " failed: " + error),
                null,
                null);
        return new Outcome(id, channel, m.targetHint(), error == null, error);
    }

    /** The caller's latest test notifications, newest first. */
    @Transactional(readOnly = true)
    public List<Delivery> log(String username) {
        return pages.testDeliveries(username, 10);
    }

    private Message message(Locale locale) {
        String headline = messages.getMessage("oncall.notify.test", null, locale);
        String body = messages.getMessage("oncall.notify.test.body", null, locale);
        return new Message("TEST", 0, "test", "test", null, headline, body, null, headline, null, null, null, null);
    }
}
