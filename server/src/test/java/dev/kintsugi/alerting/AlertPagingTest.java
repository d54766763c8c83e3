package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.IncidentView;
import dev.kintsugi.incident.Milestone;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.oncall.PageStatus;
import dev.kintsugi.oncall.PageView;
import dev.kintsugi.oncall.Paging;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Alerting and on-call wired together through the real HTTP server: an alert that opens an incident pages the owning
 * team's escalation policy about the incident; the person paged acknowledging the page acknowledges the incident
 * (as them) and its alert group; resolving the incident resolves the page.
 */
class AlertPagingTest extends AlertingFixtures {
    @Autowired
    Paging paging;

    @Autowired
    IncidentManagement incidents;

    @BeforeEach
    void setUp() {
        organisation();
        teamDefaultEscalationPolicy();
    }

    @Test
    void anAlertThatOpensAnIncidentPagesAboutItAndTheAcknowledgementFlowsBack() {
        JsonNode integration = integration(SourceType.PAGERDUTY, Map.of("routing", "OPEN_INCIDENT"));
        String dedup = unique("checkout-5xx");
        Answer sent = post("/webhooks/pagerduty/v2/enqueue", """
                {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"Checkout 5xx above 2 %%","source":"web-1","severity":"critical"}}""".formatted(
                        integration.get("key").asString(), dedup));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);

        JsonNode group = await(
                        () -> api.get("/api/v1/alerting/groups?integration="
                                        + integration.get("id").asLong())
                                .json(),
                        g -> g.size() == 1 && g.get(0).hasNonNull("incidentKey"),
                        "the group and its incident")
                .get(0);
        String key = group.get("incidentKey").asString();
        assertThat(group.get("decision").asString()).isEqualTo("PAGE");

        PageView page = await(() -> active(key), Optional::isPresent, "a page about " + key)
                .orElseThrow();
        assertThat(page.teamIds()).isNotEmpty();
        assertThat(paging.active("alert-group", group.get("id").asString()))
                .as("one page per problem: the group pages about its incident, not about itself")
                .isEmpty();

        // the first step pages the on-call person: a delivery with why
        await(() -> tx.execute(s -> notifications.log(page.id())), l -> !l.isEmpty(), "a delivery of " + page.id());

        // The person paged acknowledges (as from a notification link).
        Actor.runAs(responder, Role.RESPONDER, () -> paging.acknowledge(page.id(), responder));

        IncidentView acknowledged = await(
                () -> tx.execute(s -> incidents.get(key)),
                i -> i.milestones().containsKey(Milestone.ACKNOWLEDGED),
                key + " acknowledged");
        assertThat(acknowledged.roles()).containsEntry(dev.kintsugi.incident.IncidentRole.COMMANDER, responder);
        await(
                () -> group(group.get("id").asLong())
                        .path("group")
                        .path("status")
                        .asString(),
                "ACKNOWLEDGED"::equals,
                "the group acknowledged with its incident");

        Actor.runAs(
                responder,
                Role.RESPONDER,
                () -> tx.execute(s -> incidents.transition(key, Transition.to(IncidentStatus.RESOLVED))));
        await(
                () -> paging.find(page.id()).map(PageView::status).orElseThrow(),
                PageStatus.RESOLVED::equals,
                "the page resolved with its incident");

        // the alert's page shows the page about it and its delivery log, each entry with why
        String alertPage = dev.kintsugi.support.WebSession.loggedIn(baseUrl(), responder, "password-" + responder)
                .get("/alerts/" + group.get("id").asLong())
                .body();
        assertThat(alertPage)
                .contains("id=\"alert-deliveries\"")
                .contains("/oncall/pages/" + page.id())
                .contains("data-status=")
                .contains("class=\"delivery-why\"");
    }

    @Autowired
    dev.kintsugi.oncall.Notifications notifications;

    private Optional<PageView> active(String key) {
        return paging.recent(200).stream()
                .filter(p -> "incident".equals(p.subjectType()) && key.equals(p.subjectId()))
                .findFirst();
    }
}
