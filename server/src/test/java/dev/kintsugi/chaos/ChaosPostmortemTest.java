package dev.kintsugi.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Role;
import dev.kintsugi.postmortem.EntrySource;
import dev.kintsugi.postmortem.Origin;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.postmortem.PostmortemTimeline;
import dev.kintsugi.postmortem.TimelineItem;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A run whose steady state deviated offers "start a post-mortem": a near-miss draft with the run's services and its
 * timeline (activities with probe values against their tolerance, faults injected and reverted); the run page then
 * links to it, and starting again opens the same draft.
 */
class ChaosPostmortemTest extends IntegrationTest {
    @Autowired
    CatalogManagement catalog;

    @Autowired
    PostmortemTimeline timeline;

    @Autowired
    PostmortemManagement postmortems;

    @Autowired
    ChaosRuns runs;

    @Autowired
    dev.kintsugi.postmortem.TimelineTexts texts;

    @Autowired
    ChaosExperiments experiments;

    @Test
    void aDeviatingRunStartsAPostmortemPrefilledWithItsTimeline() throws Exception {
        String service = unique("pmshop");
        tx.executeWithoutResult(s -> ChaosFixture.service(catalog, service));
        String ce = unique("ce");
        createUser(ce, Role.CHAOS_ENGINEER, "password-" + ce);
        ApiClient engineer = apiAs(ce);
        try (ChaosFixture f = new ChaosFixture("pm-db")) {
            long id = engineer.post(
                            "/api/v1/experiments",
                            Map.of(
                                    "definition",
                                    f.experiment(unique("latency"), 3000, 0.5),
                                    "services",
                                    List.of(service)))
                    .json()
                    .path("id")
                    .asLong();
            long run = engineer.post("/api/v1/experiments/" + id + "/runs", Map.of())
                    .json()
                    .path("id")
                    .asLong();
            assertThat(ChaosRunEndToEndTest.waitForEnd(engineer, run)
                            .path("deviated")
                            .asBoolean())
                    .isTrue();

            WebSession web = WebSession.loggedIn(baseUrl(), ce, "password-" + ce);
            WebSession.Page page = web.get("/chaos/runs/" + run);
            assertThat(page.body()).contains("id=\"start-postmortem\"");

            WebSession.Page started = web.post("/postmortems/from-chaos-run/" + run, Map.of());
            assertThat(started.status()).as(started.body()).isEqualTo(302);
            assertThat(started.location()).matches(".*/postmortems/\\d+/edit$");
            long pm = Long.parseLong(started.location().replaceAll(".*/postmortems/(\\d+)/edit$", "$1"));

            var draft = dev.kintsugi.platform.Actor.runAs(ce, Role.CHAOS_ENGINEER, () -> postmortems.get(pm));
            assertThat(draft.origin()).isEqualTo(Origin.NEAR_MISS);
            assertThat(draft.content().services()).containsExactly(service);
            assertThat(draft.content().summary()).contains("run " + run);
            List<TimelineItem> items =
                    dev.kintsugi.platform.Actor.runAs(ce, Role.CHAOS_ENGINEER, () -> timeline.timeline(pm));
            assertThat(items).allMatch(i -> i.source() == EntrySource.EXPERIMENT && i.kept());
            assertThat(items)
                    .extracting(TimelineItem::body)
                    .anyMatch(b -> b.startsWith("Run " + run + " of"))
                    .anyMatch(b -> b.startsWith("Hypothesis probe “service-answers”: within tolerance (tolerance 200,"))
                    .anyMatch(b -> b.startsWith("Hypothesis probe “service-answers”: out of tolerance"))
                    .anyMatch(b -> b.startsWith("Fault injected: "))
                    .anyMatch(b -> b.startsWith("Fault reverted: "))
                    .anyMatch(b -> b.startsWith("Run " + run + " ended: failed, steady state deviated"));
            // stored as message code + args: a French reader reads it in French
            assertThat(items)
                    .allMatch(i -> i.message() != null && i.message().code().startsWith("chaos.timeline."));
            java.util.Locale before = org.springframework.context.i18n.LocaleContextHolder.getLocale();
            List<String> french;
            try {
                org.springframework.context.i18n.LocaleContextHolder.setLocale(java.util.Locale.FRENCH);
                french = dev.kintsugi.platform.Actor.runAs(
                        ce,
                        Role.CHAOS_ENGINEER,
                        () -> items.stream().map(texts.forViewer()).toList());
            } finally {
                org.springframework.context.i18n.LocaleContextHolder.setLocale(before);
            }
            assertThat(french)
                    .anyMatch(b -> b.startsWith("Exécution " + run + " de «"))
                    .anyMatch(b -> b.startsWith("Hypothèse, sonde «\u202fservice-answers\u202f»\u202f: hors tolérance"))
                    .anyMatch(b -> b.startsWith("Panne injectée\u202f: "))
                    .anyMatch(b -> b.startsWith("Exécution " + run + " terminée\u202f: échouée"));
            assertThat(runs.postmortemOf(run)).isEqualTo("PM-" + pm);

            // the run page links to the draft, and starting again opens the same one
            assertThat(web.get("/chaos/runs/" + run).body())
                    .contains("id=\"postmortem-link\"")
                    .contains("/postmortems/" + pm)
                    .doesNotContain("id=\"start-postmortem\"");
            assertThat(web.post("/postmortems/from-chaos-run/" + run, Map.of()).location())
                    .endsWith("/postmortems/" + pm + "/edit");

            // the experiment's own score (held before, deviated under the fault, recovered after: 2 of 3), and its
            // weight set on its page (a weight out of range refused on its field)
            assertThat(runs.experimentScore(id, 20)).isEqualTo(67);
            assertThat(web.get("/chaos/experiments/" + id).body()).contains("id=\"experiment-score-value\"");
            String version = Long.toString(engineer.get("/api/v1/experiments/" + id)
                    .json()
                    .path("version")
                    .asLong());
            web.post("/chaos/experiments/" + id + "/weight", Map.of("weight", "11", "version", version));
            assertThat(web.get("/chaos/experiments/" + id).body()).contains("id=\"error-weight\"");
            assertThat(web.post("/chaos/experiments/" + id + "/weight", Map.of("weight", "3", "version", version))
                            .location())
                    .endsWith("?weighted");
            assertThat(dev.kintsugi.platform.Actor.runAs(ce, Role.CHAOS_ENGINEER, () -> experiments.weightOf(id)))
                    .isEqualTo(3);
            // LitmusChaos's Σ(weight × probe success %) / Σ weight
            assertThat(RunScore.weighted(List.of(new RunScore(1, 1, 1, 3), new RunScore(2, 0, 1, 1))))
                    .isEqualTo(75);
        }
    }
}
