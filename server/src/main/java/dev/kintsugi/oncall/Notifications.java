package dev.kintsugi.oncall;

import dev.kintsugi.oncall.notify.Channel;
import dev.kintsugi.oncall.notify.Links;
import dev.kintsugi.oncall.notify.Message;
import dev.kintsugi.oncall.notify.Senders;
import dev.kintsugi.oncall.notify.WebhookGuard;
import dev.kintsugi.oncall.persistence.ContactRepository;
import dev.kintsugi.oncall.persistence.PageRepository;
import dev.kintsugi.oncall.persistence.PageRepository.Delivery;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Mailer;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.secrets.ServerSecrets;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notifications: people's contact methods and rules, the deliveries a page makes (one per rule, due after its
 * delay; e-mail to the account's address at once when someone has no rule), their attempts with retries and a
 * doubling back-off, and the delivery log. Targets are stored encrypted and shown only as a hint.
 */
@Service
@Transactional
public class Notifications {
    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private final ContactRepository contacts;
    private final PageRepository pages;
    private final ServerSecrets secrets;
    private final Senders senders;
    private final WebhookGuard webhookGuard;
    private final Links links;
    private final UserManagement users;
    private final Mailer mailer;
    private final MessageSource messages;
    private final OnCallTimers timers;
    private final OnCallProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    Notifications(
            ContactRepository contacts,
            PageRepository pages,
            ServerSecrets secrets,
            Senders senders,
            WebhookGuard webhookGuard,
            Links links,
            UserManagement users,
            Mailer mailer,
            MessageSource messages,
            OnCallTimers timers,
            OnCallProperties properties,
            AuditLog audit,
            Clock clock) {
        this.contacts = contacts;
        this.pages = pages;
        this.secrets = secrets;
        this.senders = senders;
        this.webhookGuard = webhookGuard;
        this.links = links;
        this.users = users;
        this.mailer = mailer;
        this.messages = messages;
        this.timers = timers;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** A contact method as shown back: never the target itself. */
    public record ContactMethod(long id, Channel channel, String hint, boolean signed) {}

    public record ContactRule(long id, long methodId, int delayMinutes) {}

    // ---- a person's own methods and rules ----

    @Transactional(readOnly = true)
    public List<ContactMethod> methods(String username) {
        return contacts.methods(username).stream()
                .map(m -> new ContactMethod(
                        m.id(), Channel.valueOf(m.channel()), m.targetHint(), m.signingSecret() != null))
                .toList();
    }

    @Transactional(readOnly = true)
    public List<ContactRule> rules(String username) {
        return contacts.rules(username).stream()
                .map(r -> new ContactRule(r.id(), r.methodId(), r.delayMinutes()))
                .toList();
    }

    /** Adds a contact method for the caller, with a rule reaching them through it after {@code delayMinutes}. */
    public ContactMethod addMethod(Channel channel, String target, String signingSecret, int delayMinutes) {
        String me = Actor.current();
        validateTarget(channel, target);
        if (delayMinutes < 0 || delayMinutes > 1440) {
            throw new InvalidInputException("delayMinutes", "oncall.invalid.delay", "between 0 and 1440");
        }
        String hint = hint(channel, target);
        long id = contacts.insertMethod(
                me,
                channel.name(),
                secrets.seal(target),
                signingSecret == null || signingSecret.isBlank() ? null : secrets.seal(signingSecret),
                hint,
                clock.instant());
        contacts.insertRule(me, id, delayMinutes);
        audit.record(
                "oncall.contact.added",
                "user",
                me,
                channel + " " + hint + " after " + delayMinutes + " min",
                null,
                null);
        return new ContactMethod(id, channel, hint, signingSecret != null && !signingSecret.isBlank());
    }

    public void removeMethod(long id) {
        String me = Actor.current();
        var m = contacts.method(id)
                .filter(x -> x.username().equals(me))
                .orElseThrow(() -> new NotFoundException("Contact method", id));
        contacts.deleteMethod(id);
        audit.record("oncall.contact.removed", "user", me, m.channel() + " " + m.targetHint(), null, null);
    }

    private void validateTarget(Channel channel, String target) {
        if (target == null || target.isBlank() || target.length() > 2000) {
            throw new InvalidInputException("target", "oncall.invalid.target", "is required, at most 2000 characters");
        }
        if (channel == Channel.EMAIL) {
            if (!target.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new InvalidInputException("target", "oncall.invalid.email", "not an e-mail address");
            }
            return;
        }
        try {
            URI u = URI.create(target);
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("target", "oncall.invalid.webhookUrl", "an http(s) webhook URL");
        }
        String refused = webhookGuard.refusal(target, true);
        if (refused != null) {
            throw new InvalidInputException("target", "oncall.invalid.webhookRefused", refused, refused);
        }
    }

    /** What may be shown of a target: an address's first letter and domain, a URL's host. */
    static String hint(Channel channel, String target) {
        if (channel == Channel.EMAIL) {
            int at = target.indexOf('@');
            return target.charAt(0) + "…" + target.substring(at);
        }
        return URI.create(target).getHost() + "/…";
    }

    // ---- deliveries ----

    /** Plans the notifications of one person for a page, each due after its rule's delay. */
    void plan(PageView page, String username, String kind) {
        Instant now = clock.instant();
        var rules = contacts.rules(username);
        if (rules.isEmpty()) {
            Optional<UserAccount> account = users.find(username);
            if (account.isEmpty()
                    || account.get().email() == null
                    || account.get().email().isBlank()) {
                log.warn("{} is paged but has neither contact rules nor an e-mail address", username);
                return;
            }
            long id = pages.insertDelivery(
                    page.id(),
                    username,
                    kind,
                    Channel.EMAIL.name(),
                    null,
                    hint(Channel.EMAIL, account.get().email()),
                    now,
                    now);
            timers.delivery(id, 0, now);
            return;
        }
        for (var r : rules) {
            var m = contacts.method(r.methodId()).orElseThrow();
            Instant due = "RESOLVED".equals(kind) ? now : now.plus(Duration.ofMinutes(r.delayMinutes()));
            long id = pages.insertDelivery(page.id(), username, kind, m.channel(), m.id(), m.targetHint(), now, due);
            timers.delivery(id, 0, due);
        }
    }

    /** One attempt of a delivery (the job calls this); retries are scheduled with a doubling back-off. */
    public void attempt(long deliveryId, int attempt) {
        Delivery d = pages.delivery(deliveryId).orElse(null);
        if (d == null || !"PENDING".equals(d.status()) || d.attempts() != attempt) {
            return;
        }
        PageView page = pages.find(d.pageId()).orElseThrow();
        if ("TRIGGERED".equals(d.kind()) && page.status() != PageStatus.TRIGGERED) {
            pages.cancel(d.id());
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
            pages.recordAttempt(d.id(), attempt, "SENT", null, now, null);
        } catch (Senders.DeliveryFailed e) {
            int tries = attempt + 1;
            if (tries >= properties.deliveryAttempts()) {
                pages.recordAttempt(d.id(), attempt, "FAILED", e.getMessage(), null, null);
                log.warn(
                        "Delivery {} of page {} to {} by {} failed for good: {}",
                        d.id(),
                        d.pageId(),
                        d.username(),
                        d.channel(),
                        e.getMessage());
            } else {
                Instant next = now.plus(properties.retryBackoff().multipliedBy(1L << Math.min(attempt, 16)));
                pages.recordAttempt(d.id(), attempt, "PENDING", e.getMessage(), null, next);
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

    @Transactional(readOnly = true)
    public List<Delivery> log(long pageId) {
        return pages.deliveries(pageId);
    }
}
