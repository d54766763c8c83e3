package dev.kintsugi.alerting.demo;

import dev.kintsugi.alerting.AlertCatalog;
import dev.kintsugi.alerting.AlertEvent;
import dev.kintsugi.alerting.AlertEvent.Action;
import dev.kintsugi.alerting.AlertGroupView;
import dev.kintsugi.alerting.AlertGroups;
import dev.kintsugi.alerting.AlertIntake;
import dev.kintsugi.alerting.CreatedIntegration;
import dev.kintsugi.alerting.Integrations;
import dev.kintsugi.alerting.NewIntegration;
import dev.kintsugi.alerting.RoutingAction;
import dev.kintsugi.alerting.SourceType;
import dev.kintsugi.alerting.persistence.AlertGroupRepository.Filter;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo alerting ({@code --kintsugi.demo=true}), after the incident and on-call demos: integrations on demo services
 * (Prometheus Alertmanager and PagerDuty), alert catalog definitions named {@code <application>.<squad>.<description>}
 * with Markdown runbooks, and a few alert groups: one open, one acknowledged, one resolved, and one alert no
 * definition documents. The integrations notify only (they open no incident, so the incident demo's story stays as
 * it is); their keys are not shown anywhere: rotate one on the integrations page to send alerts of your own. Alerts
 * enter through the same {@link AlertIntake} as the spooled webhooks. Seeds only when there is no integration yet.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 7)
@ConditionalOnProperty(name = "kintsugi.demo", havingValue = "true")
class AlertingDemoData implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(AlertingDemoData.class);

    private final Integrations integrations;
    private final AlertCatalog catalog;
    private final AlertIntake intake;
    private final AlertGroups groups;
    private final TransactionTemplate tx;
    private final Clock clock;

    AlertingDemoData(
            Integrations integrations,
            AlertCatalog catalog,
            AlertIntake intake,
            AlertGroups groups,
            TransactionTemplate tx,
            Clock clock) {
        this.integrations = integrations;
        this.catalog = catalog;
        this.intake = intake;
        this.groups = groups;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        Actor.runAsSystem("demo data: alert integrations, catalog and alerts", this::seed);
    }

    private void seed() {
        if (!tx.execute(s -> integrations.list().isEmpty())) {
            return;
        }
        tx.executeWithoutResult(s -> DemoRunbooks.DEFINITIONS.forEach(catalog::create));
        long checkout = integration("Prometheus (checkout)", SourceType.ALERTMANAGER, "checkout-api");
        long gateway = integration("PagerDuty (payment gateway)", SourceType.PAGERDUTY, "payment-gateway");
        long storefront = integration("Prometheus (storefront)", SourceType.ALERTMANAGER, "storefront-web");
        Instant now = clock.instant();

        // open: checkout latency has been firing for 25 minutes, and fired again since
        trigger(
                checkout,
                "checkout-latency",
                "CheckoutHighLatency",
                "critical",
                "Checkout p99 latency above 2 s",
                now.minus(Duration.ofMinutes(25)));
        trigger(
                checkout,
                "checkout-latency",
                "CheckoutHighLatency",
                "critical",
                "Checkout p99 latency above 2 s",
                now.minus(Duration.ofMinutes(20)));
        // acknowledged: the PSP's timeouts, taken by the payments lead
        trigger(
                gateway,
                "psp-timeouts",
                "PspTimeouts",
                "error",
                "Card PSP timeouts above 5 %",
                now.minus(Duration.ofMinutes(50)));
        long acknowledged = groupOf(gateway, "psp-timeouts");
        Actor.runAs("amelie.laurent", Role.RESPONDER, () -> tx.execute(s -> groups.acknowledge(acknowledged, null)));
        // resolved at the source: a burst of 5xx on the storefront, over after a quarter of an hour
        trigger(
                storefront,
                "storefront-5xx",
                "StorefrontErrorRate",
                "warning",
                "Storefront 5xx above 1 %",
                now.minus(Duration.ofHours(3)));
        apply(event(
                storefront,
                "storefront-5xx",
                Action.RESOLVE,
                null,
                null,
                null,
                now.minus(Duration.ofHours(3)).plus(Duration.ofMinutes(15))));
        // undocumented: no definition matches this one yet ("Document this alert" on its page)
        trigger(
                storefront,
                "storefront-disk",
                "NodeDiskAlmostFull",
                "warning",
                "Disk of web-3 is 92 % full",
                now.minus(Duration.ofHours(1)));
        log.info(
                "Demo data: 3 alert integrations, {} alert definitions, 4 alert groups",
                DemoRunbooks.DEFINITIONS.size());
    }

    private long integration(String name, SourceType type, String service) {
        CreatedIntegration c = tx.execute(s -> integrations.create(
                new NewIntegration(name, type, service, null, false, null, RoutingAction.NOTIFY_ONLY, null)));
        return c.integration().id();
    }

    private void trigger(
            long integration, String dedupKey, String alertName, String severity, String title, Instant at) {
        apply(event(integration, dedupKey, Action.TRIGGER, alertName, severity, title, at));
    }

    private static AlertEvent event(
            long integration,
            String dedupKey,
            Action action,
            String alertName,
            String severity,
            String title,
            Instant at) {
        Map<String, String> labels = alertName == null
                ? Map.of()
                : Map.of("alertname", alertName, "severity", severity, "env", "production");
        return new AlertEvent(
                java.util
                        .UUID
                        .nameUUIDFromBytes((dedupKey + action + at).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString(),
                integration,
                at,
                action,
                dedupKey,
                title,
                severity,
                null,
                labels,
                List.of(new AlertEvent.Link("https://grafana.example.com/d/" + dedupKey, "Dashboard")),
                List.of(),
                null,
                null);
    }

    private void apply(AlertEvent e) {
        tx.executeWithoutResult(s -> intake.apply(e));
    }

    private long groupOf(long integration, String dedupKey) {
        List<AlertGroupView> found =
                tx.execute(s -> groups.search(new Filter(null, false, null, null, integration, null), 50));
        return found.stream()
                .filter(g -> g.dedupKey().equals(dedupKey))
                .findFirst()
                .orElseThrow()
                .id();
    }
}
