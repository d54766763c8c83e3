package dev.kintsugi.oncall;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.chaos.MonkeyTerminated;
import dev.kintsugi.oncall.notify.Channel;
import dev.kintsugi.oncall.notify.Message;
import dev.kintsugi.oncall.notify.Senders;
import dev.kintsugi.oncall.persistence.ContactRepository;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.Mailer;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.platform.secrets.ServerSecrets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The Chaos Monkey's announcements through the notification channels: when it terminates something on a service
 * (or would have, leashed), each member of the teams that owned the service gets one message through each of
 * their contact methods other than e-mail (the chaos module e-mails them itself), in their language, at once. It
 * is a notice, not a page: no escalation, no acknowledgement, no retry beyond one attempt per method; a failed
 * delivery is logged with its reason (never the target, which is a secret).
 */
@Component
class MonkeyAnnouncements {
    private static final Logger log = LoggerFactory.getLogger(MonkeyAnnouncements.class);

    private final CatalogManagement catalog;
    private final UserManagement users;
    private final ContactRepository contacts;
    private final ServerSecrets secrets;
    private final Senders senders;
    private final Mailer mailer;
    private final MessageSource messages;
    private final KintsugiProperties kintsugi;

    MonkeyAnnouncements(
            CatalogManagement catalog,
            UserManagement users,
            ContactRepository contacts,
            ServerSecrets secrets,
            Senders senders,
            Mailer mailer,
            MessageSource messages,
            KintsugiProperties kintsugi) {
        this.catalog = catalog;
        this.users = users;
        this.contacts = contacts;
        this.secrets = secrets;
        this.senders = senders;
        this.mailer = mailer;
        this.messages = messages;
        this.kintsugi = kintsugi;
    }

    @ApplicationModuleListener
    void on(MonkeyTerminated e) {
        CatalogService service = catalog.findService(e.serviceId()).orElse(null);
        if (service == null) {
            return;
        }
        Set<String> members = new LinkedHashSet<>();
        for (long teamId : e.teamIds()) {
            catalog.findTeam(teamId).map(Team::members).ifPresent(members::addAll);
        }
        String link = kintsugi.baseUrl().replaceAll("/+$", "") + "/chaos/monkey?service=" + service.name();
        for (String member : members) {
            UserAccount user = users.find(member).orElse(null);
            if (user == null || !user.enabled()) {
                continue;
            }
            Locale locale = mailer.localeOf(user);
            Message message = message(e, service, link, locale);
            for (ContactRepository.Method m : contacts.methods(member)) {
                Channel channel = Channel.valueOf(m.channel());
                if (channel == Channel.EMAIL) {
                    continue;
                }
                try {
                    String target = secrets.unseal(m.targetSecret());
                    String signing = m.signingSecret() == null ? null : secrets.unseal(m.signingSecret());
                    senders.send(channel, target, signing, message, locale);
                } catch (Senders.DeliveryFailed | IllegalStateException x) {
                    log.warn(
                            "Chaos Monkey announcement {} to {} through {} {} failed: {}",
                            e.terminationId(),
                            member,
                            channel,
                            m.targetHint(),
                            x.getMessage());
                }
            }
        }
    }

    private Message message(MonkeyTerminated e, CatalogService service, String link, Locale locale) {
        String how = messages.getMessage(
                "chaos.monkey.termination." + e.termination().name(),
                null,
                e.termination().name(),
                locale);
        String headline = messages.getMessage(
                e.leashed() ? "oncall.notify.monkey.leashed" : "oncall.notify.monkey",
                new Object[] {service.name(), e.target()},
                locale);
        String body = messages.getMessage("oncall.notify.monkey.body", new Object[] {how, e.group()}, locale);
        return new Message(
                "NOTICE",
                0,
                "chaos-monkey",
                Long.toString(e.terminationId()),
                null,
                headline,
                body,
                link,
                headline,
                null,
                null,
                null,
                null);
    }
}
