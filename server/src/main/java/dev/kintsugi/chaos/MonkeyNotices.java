package dev.kintsugi.chaos;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.catalog.Team;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.Mailer;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Tells the owning team's members (e-mail, in each one's language) that the Chaos Monkey terminated something on
 * their service, or would have (leashed). Template {@code mail/chaos-monkey}, bundle {@code i18n/chaos}.
 */
@Component
class MonkeyNotices {
    private final CatalogManagement catalog;
    private final UserManagement users;
    private final Mailer mailer;
    private final MessageSource messages;
    private final KintsugiProperties kintsugi;

    MonkeyNotices(
            CatalogManagement catalog,
            UserManagement users,
            Mailer mailer,
            MessageSource messages,
            KintsugiProperties kintsugi) {
        this.catalog = catalog;
        this.users = users;
        this.mailer = mailer;
        this.messages = messages;
        this.kintsugi = kintsugi;
    }

    void announce(CatalogService service, MonkeyRecord r) {
        if (!mailer.ready("the Chaos Monkey's announcement")) {
            return;
        }
        Team team = catalog.findTeam(service.ownerTeamId()).orElse(null);
        if (team == null) {
            return;
        }
        for (String member : team.members()) {
            UserAccount to = users.find(member).orElse(null);
            if (to == null || !to.enabled() || to.email() == null || to.email().isBlank()) {
                continue;
            }
            var locale = mailer.localeOf(to);
            Map<String, Object> model = new HashMap<>();
            model.put("service", service.name());
            model.put("target", r.target());
            model.put("group", r.group());
            model.put("leashed", r.leashed());
            java.time.ZoneId zone;
            try {
                zone = to.timeZone() == null || to.timeZone().isBlank()
                        ? java.time.ZoneOffset.UTC
                        : java.time.ZoneId.of(to.timeZone());
            } catch (java.time.DateTimeException e) {
                zone = java.time.ZoneOffset.UTC;
            }
            model.put("at", dev.kintsugi.platform.Times.format(r.occurredAt(), zone));
            model.put("reason", messages.getMessage(r.reason(), r.reasonArgs().toArray(), r.reason(), locale));
            model.put("link", kintsugi.baseUrl().replaceAll("/+$", "") + "/chaos/monkey?service=" + service.name());
            mailer.send(
                    to.email(),
                    mailer.render(
                            "chaos-monkey",
                            locale,
                            model,
                            r.leashed() ? "chaos.monkey.mail.subject.leashed" : "chaos.monkey.mail.subject",
                            service.name()));
        }
    }
}
