package dev.kintsugi.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.alerting.AlertCatalog;
import dev.kintsugi.alerting.AlertDefinition;
import dev.kintsugi.alerting.DefinitionDraft;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the search index learns from the catalogs, through their events: an alert definition documented or changed
 * ({@code AlertDefinitionChanged}) is searchable at once, not at the next rebuild; a renamed service or team is
 * found under its new name in the documents that carry it, and no longer under the old one.
 */
class SearchFollowsCatalogTest extends SearchTestSupport {
    @Autowired
    AlertCatalog alerts;

    @Test
    void aRunbookIsReindexedWhenItsDefinitionIsDocumentedOrChanged() {
        String team = team();
        String first = word();
        String second = word();
        String name = "checkout." + team + ".latency-" + word();
        AlertDefinition created = Actor.runAs(
                "admin",
                Role.ADMIN,
                () -> tx.execute(s -> alerts.create(new DefinitionDraft(
                        name, team, "alertname=\"Latency\"", "", null, "## Diagnose\nLook at " + first, 30))));
        ApiClient api = apiAs(Role.VIEWER);
        var found = searchUntil(api, "q=" + first + "&type=RUNBOOK", r -> refs(r).contains(name));
        assertThat(found.get("total").asLong()).isEqualTo(1);

        Actor.runAs(
                "admin",
                Role.ADMIN,
                () -> tx.execute(s -> alerts.update(
                        created.id(),
                        new DefinitionDraft(
                                name, team, "alertname=\"Latency\"", "", null, "## Diagnose\nRestart " + second, 30),
                        created.version())));
        searchUntil(api, "q=" + second + "&type=RUNBOOK", r -> refs(r).contains(name));
        assertThat(search(api, "q=" + first + "&type=RUNBOOK").get("total").asLong())
                .isZero();
    }

    @Test
    void aRenamedServiceOrTeamIsFoundUnderItsNewName() {
        String team = team();
        String svc = service(team);
        ApiClient api = apiAs(Role.RESPONDER);
        String w = word();
        String key = declare(api, "Replica " + w + " lagging", "Reads were stale", "SEV3", List.of(svc), false);
        searchUntil(api, "q=" + w + "+service:" + svc + "+team:" + team, r -> refs(r).contains(key));

        String renamedSvc = unique("svc");
        Actor.runAs(
                "admin",
                Role.ADMIN,
                () -> tx.execute(s -> catalog.updateService(
                        svc, new ServiceDraft(renamedSvc, "Renamed", null, Tier.TIER_2, team, null, null, null))));
        searchUntil(api, "q=" + w + "+service:" + renamedSvc, r -> refs(r).contains(key));
        assertThat(search(api, "q=" + w + "+service:" + svc).get("total").asLong())
                .isZero();

        String renamedTeam = unique("team");
        Actor.runAs(
                "admin",
                Role.ADMIN,
                () -> tx.execute(s ->
                        catalog.updateTeam(team, new TeamDraft(renamedTeam, "Renamed team", null, null, List.of()))));
        searchUntil(api, "q=" + w + "+team:" + renamedTeam, r -> refs(r).contains(key));
        assertThat(search(api, "q=" + w + "+team:" + team).get("total").asLong())
                .isZero();
    }
}
