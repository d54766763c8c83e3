package dev.kintsugi.alerting;

import dev.kintsugi.alerting.persistence.ChaosRunRepository;
import dev.kintsugi.chaos.ChaosRunFinished;
import dev.kintsugi.chaos.ChaosRunStarted;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.Mailer;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Planned chaos is not a page. Alerting hears the chaos module's runs ({@code alerting → chaos} events only: chaos
 * knows nothing of alerting) and keeps those in progress; an alert group opening on one of their services is
 * expected: marked so, linked to the run, and, by {@code kintsugi.alerting.chaos-alerts}, the run's starter is told
 * instead of on-call being paged ({@code notify-owner}), on-call is paged anyway ({@code page}), or nobody is told
 * ({@code suppress}). A dry run injects no fault: it makes nothing expected.
 */
@Component
class ChaosExpectations {
    private static final Logger log = LoggerFactory.getLogger(ChaosExpectations.class);

    private final ChaosRunRepository runs;
    private final AlertingProperties properties;
    private final UserManagement users;
    private final Mailer mailer;
    private final KintsugiProperties kintsugi;

    ChaosExpectations(
            ChaosRunRepository runs,
            AlertingProperties properties,
            UserManagement users,
            Mailer mailer,
            KintsugiProperties kintsugi) {
        this.runs = runs;
        this.properties = properties;
        this.users = users;
        this.mailer = mailer;
        this.kintsugi = kintsugi;
    }

    @ApplicationModuleListener
    void on(ChaosRunStarted e) {
        if (!e.dry()) {
            runs.started(e.runId(), e.experimentId(), e.startedBy(), e.serviceIds(), e.at());
        }
    }

    @ApplicationModuleListener
    void on(ChaosRunFinished e) {
        if (!e.dry()) {
            runs.finished(e.runId(), e.experimentId(), e.serviceIds(), e.at());
        }
    }

    /** The run that makes a new group expected, if any (called while the group opens). */
    Optional<ChaosRunRepository.Run> expecting(AlertGroupView g) {
        return runs.inProgress(g.serviceIds(), g.firstAt());
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

    /** Forgets runs that finished more than a week ago. */
    int forgetOld(Instant now) {
        return runs.forgetFinishedBefore(now.minus(java.time.Duration.ofDays(7)));
    }
}
