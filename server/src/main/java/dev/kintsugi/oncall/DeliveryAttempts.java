package dev.kintsugi.oncall;

import dev.kintsugi.oncall.notify.Channel;
import dev.kintsugi.oncall.notify.Links;
import dev.kintsugi.oncall.notify.Message;
import dev.kintsugi.oncall.notify.Senders;
import dev.kintsugi.oncall.persistence.ContactRepository;
import dev.kintsugi.oncall.persistence.DeliveryRepository;
import dev.kintsugi.oncall.persistence.DeliveryRepository.Delivery;
import dev.kintsugi.oncall.persistence.PageRepository;
import dev.kintsugi.platform.Mailer;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.secrets.ServerSecrets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sending a planned delivery (the {@link OnCallTimers} job calls {@link #attempt}): the target unsealed, the
 * message in the person's language, and on failure a retry with a doubling back-off until the attempts run out.
 * A delivery whose page was acknowledged or resolved meanwhile is cancelled instead, with why.
 */
@Service
@Transactional
class DeliveryAttempts {
    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    private final ContactRepository contacts;
    private final PageRepository pages;
    private final DeliveryRepository deliveries;
    private final ServerSecrets secrets;
    private final Senders senders;
    private final Links links;
    private final UserManagement users;
    private final Mailer mailer;
    private final MessageSource messages;
    private final OnCallTimers timers;
    private final OnCallProperties properties;
    private final Clock clock;

    DeliveryAttempts(
            ContactRepository contacts,
            PageRepository pages,
            DeliveryRepository deliveries,
            ServerSecrets secrets,
            Senders senders,
            Links links,
            UserManagement users,
            Mailer mailer,
            MessageSource messages,
            OnCallTimers timers,
            OnCallProperties properties,
            Clock clock) {
        this.contacts = contacts;
        this.pages = pages;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.senders = senders;
        this.links = links;
        this.users = users;
        this.mailer = mailer;
        this.messages = messages;
        this.timers = timers;
        this.properties = properties;
        this.clock = clock;
    }

    /** One attempt of a delivery (the job calls this); retries are scheduled with a doubling back-off. */
    void attempt(long deliveryId, int attempt) {
        Delivery d = deliveries.delivery(deliveryId).orElse(null);
        if (d == null || !"PENDING".equals(d.status()) || d.attempts() != attempt) {
            return;
        }
        PageView page = pages.find(d.pageId()).orElseThrow();
        if ("TRIGGERED".equals(d.kind()) && page.status() != PageStatus.TRIGGERED) {
            if (deliveries.cancel(d.id()) == 1) {
                deliveries.reason(
                        d.id(),
                        page.status() == PageStatus.RESOLVED ? "oncall.why.resolvedBefore" : "oncall.why.acknowledged",
                        List.of(page.acknowledgedBy() == null ? "-" : page.acknowledgedBy()));
            }
            return;
        }
        Instant now = clock.instant();
        try {
            String target;
            String signing = null;
            if (d.methodId() == null) {
                target = users.get(d.username()).email();
            } else {
                var m = contacts.method(d.methodId())
                        .orElseThrow(() -> new Senders.DeliveryFailed("the contact method was removed"));
                target = secrets.unseal(m.targetSecret());
                signing = m.signingSecret() == null ? null : secrets.unseal(m.signingSecret());
            }
            Locale locale = mailer.localeOf(users.find(d.username()).orElse(null));
            senders.send(Channel.valueOf(d.channel()), target, signing, message(page, d, locale), locale);
            deliveries.recordAttempt(d.id(), attempt, "SENT", null, now, null);
        } catch (Senders.DeliveryFailed e) {
            int tries = attempt + 1;
            if (tries >= properties.deliveryAttempts()) {
                deliveries.recordAttempt(d.id(), attempt, "FAILED", e.getMessage(), null, null);
                log.warn(
                        "Delivery {} of page {} to {} by {} failed for good: {}",
                        d.id(),
                        d.pageId(),
                        d.username(),
                        d.channel(),
                        e.getMessage());
            } else {
                Instant next = now.plus(properties.retryBackoff().multipliedBy(1L << Math.min(attempt, 16)));
                deliveries.recordAttempt(d.id(), attempt, "PENDING", e.getMessage(), null, next);
                timers.delivery(d.id(), tries, next);
            }
        }
    }

    private Message message(PageView p, Delivery d, Locale locale) {
        boolean resolved = "RESOLVED".equals(d.kind());
        String headline = messages.getMessage(
                resolved ? "oncall.notify.resolved" : "oncall.notify.triggered",
                new Object[] {p.severity() == null ? "-" : p.severity(), p.title()},
                locale);
        return new Message(
                d.kind(),
                p.id(),
                p.subjectType(),
                p.subjectId(),
                p.severity(),
                p.title(),
                p.summary(),
                p.link(),
                headline,
                resolved ? null : links.url(p.id(), "ack", d.username()),
                resolved ? null : links.url(p.id(), "resolve", d.username()),
                messages.getMessage("oncall.notify.acknowledge", null, locale),
                messages.getMessage("oncall.notify.resolve", null, locale));
    }
}
