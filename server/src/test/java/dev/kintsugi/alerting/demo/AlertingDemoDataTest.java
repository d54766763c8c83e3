package dev.kintsugi.alerting.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.kintsugi.alerting.AlertCatalog;
import dev.kintsugi.alerting.AlertDefinition;
import dev.kintsugi.alerting.AlertGroupView;
import dev.kintsugi.alerting.AlertGroups;
import dev.kintsugi.alerting.GroupStatus;
import dev.kintsugi.alerting.Integrations;
import dev.kintsugi.alerting.SourceType;
import dev.kintsugi.alerting.persistence.AlertGroupRepository.Filter;
import dev.kintsugi.oncall.EscalationPolicies;
import dev.kintsugi.oncall.Notifications;
import dev.kintsugi.oncall.Schedule;
import dev.kintsugi.oncall.Schedules;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The on-call and alerting demo data a newcomer finds after {@code ./kintsugi demo}: schedules with someone on call
 * now (by the injected clock), an override, a default escalation policy per team, contact methods, integrations,
 * the alert catalog and alert groups in every state. The same context as {@code incident.demo.DemoDataTest} (the
 * same annotations and properties, so Spring reuses it): no third application context.
 */
@SpringBootTest(
        properties = {
            "kintsugi.demo=true",
            "spring.datasource.url=jdbc:h2:mem:demo-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "spring.datasource.password=",
            "kintsugi.admin-token=" + AlertingDemoDataTest.PROVISIONED_TOKEN
        })
@ActiveProfiles("test")
@AutoConfigureMockMvc
class AlertingDemoDataTest {
    /** The same value as DemoDataTest's, so that both share one context. */
    static final String PROVISIONED_TOKEN = "kts_provisioned-for-automation-0123456789";

    @Autowired
    MockMvc mvc;

    @Autowired
    Schedules schedules;

    @Autowired
    EscalationPolicies policies;

    @Autowired
    Notifications notifications;

    @Autowired
    Integrations integrations;

    @Autowired
    AlertCatalog catalog;

    @Autowired
    AlertGroups groups;

    @Autowired
    Clock clock;

    @Test
    void theOnCallPageShowsSomeoneOnCallNowOnEveryDemoSchedule() throws Exception {
        List<Schedule> all = Actor.runAsSystem("test", () -> schedules.list());
        assertThat(all)
                .extracting(Schedule::name)
                .contains("payments-primary", "storefront-primary", "platform-primary");
        for (Schedule s : all) {
            assertThat(Actor.runAsSystem("test", () -> schedules.onCallAt(s, clock.instant())))
                    .as("on call now on " + s.name())
                    .isNotEmpty();
        }
        assertThat(Actor.runAsSystem("test", () -> schedules.overrides(schedules.get("payments-primary"))))
                .isNotEmpty();
        assertThat(Actor.runAsSystem("test", () -> policies.list()))
                .extracting(p -> p.name())
                .contains("payments-default", "storefront-default", "platform-default");
        assertThat(Actor.runAs("nadia.okafor", Role.RESPONDER, () -> notifications.methods("nadia.okafor")))
                .isNotEmpty();

        String page = page("/oncall");
        assertThat(page).contains("id=\"schedules\"", "payments-primary", "storefront-primary", "platform-primary");
        String onCallNow = Actor.runAsSystem(
                        "test", () -> schedules.onCallAt(schedules.get("payments-primary"), clock.instant()))
                .getFirst()
                .username();
        assertThat(page).contains(onCallNow);
    }

    @Test
    void theAlertCatalogListsTheDefinitionsAndAlertsAreInEveryState() throws Exception {
        List<AlertDefinition> definitions = Actor.runAsSystem("test", () -> catalog.list());
        assertThat(definitions)
                .extracting(AlertDefinition::name)
                .contains("checkout.payments.high-latency", "gateway.payments.psp-timeouts")
                .allMatch(n -> n.matches("[a-z0-9-]+\\.[a-z0-9-]+\\.[a-z0-9_-]+"));
        assertThat(definitions).allMatch(d -> d.runbook().contains("## Diagnose"));
        assertThat(Actor.runAsSystem("test", () -> integrations.list()))
                .extracting(i -> i.sourceType())
                .contains(SourceType.ALERTMANAGER, SourceType.PAGERDUTY);

        List<AlertGroupView> all =
                Actor.runAsSystem("test", () -> groups.search(new Filter(null, false, null, null, null, null), 200));
        Map<GroupStatus, List<String>> byStatus = all.stream()
                .collect(Collectors.groupingBy(
                        AlertGroupView::status, Collectors.mapping(AlertGroupView::dedupKey, Collectors.toList())));
        assertThat(byStatus.get(GroupStatus.TRIGGERED)).contains("checkout-latency", "storefront-disk");
        assertThat(byStatus.get(GroupStatus.ACKNOWLEDGED)).contains("psp-timeouts");
        assertThat(byStatus.get(GroupStatus.RESOLVED)).contains("storefront-5xx");
        AlertGroupView latency = all.stream()
                .filter(g -> g.dedupKey().equals("checkout-latency"))
                .findFirst()
                .orElseThrow();
        assertThat(latency.repeatCount()).isEqualTo(2);
        assertThat(latency.definitionId()).isNotNull();
        assertThat(Actor.runAsSystem("test", () -> catalog.undocumented(null)))
                .extracting(u -> u.alertName())
                .contains("NodeDiskAlmostFull");

        String page = page("/alerts/catalog");
        assertThat(page).contains("checkout.payments.high-latency", "storefront.storefront.error-rate");
    }

    /** The page as the demo viewer sees it. */
    private String page(String path) throws Exception {
        var login = mvc.perform(formLogin("/login").user("grace.kim").password("kintsugi-demo"))
                .andReturn();
        var session = (MockHttpSession) login.getRequest().getSession(false);
        assertThat(session)
                .as("logged in: " + login.getResponse().getRedirectedUrl())
                .isNotNull();
        var r = mvc.perform(get(path).session(session)).andReturn().getResponse();
        assertThat(r.getStatus())
                .as(path + " " + r.getRedirectedUrl() + " " + r.getErrorMessage())
                .isEqualTo(200);
        return r.getContentAsString();
    }
}
