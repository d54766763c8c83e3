package dev.kintsugi.alerting;

import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.Mailer;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Planned chaos is not a page. A group that opens while an {@link ExpectationSource} has something in progress on
 * its service is expected: marked so, linked to it, and, by {@code kintsugi.alerting.chaos-alerts}, its owner is
 * told instead of on-call being paged ({@code notify-owner}), on-call is paged anyway ({@code page}), or nobody is
 * told ({@code suppress}).
 */
@Component
class ExpectedAlerts {
    private static final Logger log = LoggerFactory.getLogger(ExpectedAlerts.class);

    private final List<ExpectationSource> sources;
    private final AlertingProperties properties;
    private final UserManagement users;
    private final Mailer mailer;
    private final KintsugiProperties kintsugi;

    ExpectedAlerts(
            List<ExpectationSource> sources,
            AlertingProperties properties,
            UserManagement users,
            Mailer mailer,
            KintsugiProperties kintsugi) {
        this.sources = List.copyOf(sources);
        this.properties = properties;
        this.users = users;
        this.mailer = mailer;
        this.kintsugi = kintsugi;
    }

    /** What makes a new group expected, if anything (called while the group opens): the latest started. */
    Optional<Expectation> expecting(AlertGroupView g) {
        return sources.stream()
                .map(s -> s.expecting(g.serviceIds(), g.firstAt()))
                .flatMap(Optional::stream)
                .max(Comparator.comparing(Expectation::startedAt));
    }

    AlertingProperties.ChaosAlerts mode() {
        return properties.chaosAlerts() == null
                ? AlertingProperties.ChaosAlerts.NOTIFY_OWNER
                : properties.chaosAlerts();
    }

    /** Tells the run's starter, by e-mail in their language, that their run raised this alert. */
    @ApplicationModuleListener
    void on(AlertGroupExpected e) {
        Optional<UserAccount> starter = users.find(e.startedBy());
        if (starter.isEmpty()
                || starter.get().email() == null
                || starter.get().email().isBlank()) {
            log.info(
                    "alert group {} expected from chaos run {}: {} has no e-mail address",
                    e.groupId(),
                    e.runId(),
                    e.startedBy());
            return;
        }
        if (!mailer.ready("expected alert notice")) {
            return;
        }
        String base = kintsugi.baseUrl().replaceAll("/+$", "");
        Mailer.Mail mail = mailer.render(
                "alerting-expected",
                mailer.localeOf(starter.get()),
                Map.of(
                        "title",
                        e.title(),
                        "runId",
                        e.runId(),
                        "alertLink",
                        base + "/alerts/" + e.groupId(),
                        "runLink",
                        base + "/chaos/runs/" + e.runId()),
                "alerting.mail.expected.subject",
                e.runId(),
                e.title());
        mailer.send(starter.get().email(), mail);
    }
}
