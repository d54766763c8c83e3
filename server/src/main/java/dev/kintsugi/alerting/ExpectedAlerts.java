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
import org.springframework.context.MessageSource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Planned chaos is not a page. A group that opens while an {@link ExpectationSource} has something in progress on
 * its service is expected: marked so, linked to it, and, by {@code kintsugi.alerting.chaos-alerts}, its owner is
 * told instead of on-call being paged ({@code notify-owner}), on-call is paged anyway ({@code page}), or nobody is
 * told ({@code suppress}). Pages show an expectation through {@link #label} and {@link #link} (bean
 * {@code expectedAlerts}), so a new kind needs nothing but its {@link ExpectationSource} bean.
 */
@Component
public class ExpectedAlerts {
    private static final Logger log = LoggerFactory.getLogger(ExpectedAlerts.class);

    private final List<ExpectationSource> sources;
    private final AlertingProperties properties;
    private final UserManagement users;
    private final Mailer mailer;
    private final KintsugiProperties kintsugi;
    private final MessageSource messages;

    ExpectedAlerts(
            List<ExpectationSource> sources,
            AlertingProperties properties,
            UserManagement users,
            Mailer mailer,
            KintsugiProperties kintsugi,
            MessageSource messages) {
        this.messages = messages;
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

    /** An expectation in words of the log (not translated): "chaos run #12", "game-day #3". */
    static String describe(Expectation e) {
        return (Expectation.CHAOS_RUN.equals(e.kind()) ? "chaos run" : e.kind()) + " #" + e.reference();
    }

    /**
     * An expectation as readers see it: the bundle's {@code alerting.expectation.<kind>} with the reference (chaos
     * run #12), else its kind and reference as they are (a kind this product has no text for).
     */
    public String label(Expectation e, java.util.Locale locale) {
        return messages.getMessage(
                "alerting.expectation." + e.kind(),
                new Object[] {e.reference()},
                e.kind() + " #" + e.reference(),
                locale);
    }

    /** Where an expectation is seen, as its source says (a path such as {@code /chaos/runs/12}); empty: nowhere. */
    public Optional<String> link(Expectation e) {
        return sources.stream().map(s -> s.link(e)).flatMap(Optional::stream).findFirst();
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
                    "alert group {} expected from {} {}: {} has no e-mail address",
                    e.groupId(),
                    e.kind(),
                    e.runId(),
                    e.startedBy());
            return;
        }
        if (!mailer.ready("expected alert notice")) {
            return;
        }
        String base = kintsugi.baseUrl().replaceAll("/+$", "");
        java.util.Locale locale = mailer.localeOf(starter.get());
        Expectation expectation = new Expectation(e.kind(), e.runId(), e.startedBy(), e.at());
        boolean chaosRun = Expectation.CHAOS_RUN.equals(e.kind());
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("title", e.title());
        vars.put("runId", e.runId());
        vars.put("what", label(expectation, locale));
        vars.put("bodyCode", chaosRun ? "alerting.mail.expected.body" : "alerting.mail.expected-other.body");
        vars.put("alertLink", base + "/alerts/" + e.groupId());
        vars.put("runLink", link(expectation).map(l -> base + l).orElse(null));
        Mailer.Mail mail = chaosRun
                ? mailer.render(
                        "alerting-expected", locale, vars, "alerting.mail.expected.subject", e.runId(), e.title())
                : mailer.render(
                        "alerting-expected",
                        locale,
                        vars,
                        "alerting.mail.expected-other.subject",
                        label(expectation, locale),
                        e.title());
        mailer.send(starter.get().email(), mail);
    }
}
