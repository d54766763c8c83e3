package dev.kintsugi.oncall;

import dev.kintsugi.oncall.notify.Channel;
import dev.kintsugi.oncall.notify.WebhookGuard;
import dev.kintsugi.oncall.persistence.ContactRepository;
import dev.kintsugi.oncall.persistence.DeliveryRepository;
import dev.kintsugi.oncall.persistence.DeliveryRepository.Delivery;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.secrets.ServerSecrets;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notifications: people's contact methods and the rules reaching them through each, and a page's delivery log.
 * Targets are stored encrypted and shown only as a hint. The deliveries themselves are planned by
 * {@link DeliveryPlanner} (one per rule, due after its delay; e-mail to the account's address at once when
 * someone has no rule) and sent by {@link DeliveryAttempts} (retries with a doubling back-off).
 */
@Service
@Transactional
public class Notifications {
    private final ContactRepository contacts;
    private final DeliveryRepository deliveries;
    private final ServerSecrets secrets;
    private final WebhookGuard webhookGuard;
    private final AuditLog audit;
    private final ContactRules contactRules;
    private final Clock clock;

    Notifications(
            ContactRepository contacts,
            DeliveryRepository deliveries,
            ServerSecrets secrets,
            WebhookGuard webhookGuard,
            AuditLog audit,
            ContactRules contactRules,
            Clock clock) {
        this.contacts = contacts;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.webhookGuard = webhookGuard;
        this.audit = audit;
        this.contactRules = contactRules;
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
        contactRules.methodRemoved(me, id);
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

    /** The page's deliveries, planned by {@link DeliveryPlanner} and sent by {@link DeliveryAttempts}. */
    @Transactional(readOnly = true)
    public List<Delivery> log(long pageId) {
        return deliveries.deliveries(pageId);
    }
}
