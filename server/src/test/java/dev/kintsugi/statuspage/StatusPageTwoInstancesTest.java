package dev.kintsugi.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.ServiceDraft;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.catalog.Tier;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.support.Instances;
import dev.kintsugi.support.OwnDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances on one database (PostgreSQL on the suite's PostgreSQL pass, H2 in server mode otherwise), each
 * caching {@code /status} for an hour: a component added and an incident published on A show on B's cached page
 * within a minute, through the cluster change log.
 */
class StatusPageTwoInstancesTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aChangeOnOneInstanceDropsTheOthersCache() throws Exception {
        OwnDatabase db = OwnDatabase.forThisPass("status_two").start();
        try (Instances instances = new Instances(db)) {
            ConfigurableApplicationContext a = instances.start("kintsugi-a", "--kintsugi.statuspage.cache-ttl=1h");
            ConfigurableApplicationContext b = instances.start("kintsugi-b", "--kintsugi.statuspage.cache-ttl=1h");
            String bStatus = Instances.baseUrl(b) + "/status";

            String service = "svc-" + System.nanoTime();
            String publicName = "Public " + service;
            onA(a, () -> {
                CatalogManagement catalog = a.getBean(CatalogManagement.class);
                catalog.createTeam(new TeamDraft("team-" + service, "Team", null, "#team", List.of()));
                catalog.createService(new ServiceDraft(
                        service, "Service " + service, null, Tier.TIER_1, "team-" + service, null, null, null));
                return null;
            });

            // B renders and caches its page (the same ETag twice: served from the cache)
            var first = get(bStatus);
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).doesNotContain(publicName);
            assertThat(get(bStatus).headers().firstValue("ETag"))
                    .isEqualTo(first.headers().firstValue("ETag"));

            onA(
                    a,
                    () -> a.getBean(StatusPage.class)
                            .configure(service, new StatusPage.ComponentDraft(null, publicName, null, 0), null));
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> get(bStatus).body().contains(publicName));

            String publicTitle = "Checkout is slow " + service;
            onA(a, () -> {
                String key = a.getBean(IncidentManagement.class)
                        .declare(new DeclareIncident(
                                "Internal " + service,
                                null,
                                Severity.SEV2,
                                List.of(service),
                                null,
                                null,
                                false,
                                null,
                                null))
                        .key();
                return a.getBean(PublicIncidents.class)
                        .publish(key, UpdateStatus.INVESTIGATING, publicTitle, "Looking", false);
            });
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> get(bStatus).body().contains(publicTitle));
            assertThat(get(bStatus).body()).contains("Partial outage");
        } finally {
            db.close();
        }
    }

    private static <T> T onA(ConfigurableApplicationContext a, Supplier<T> work) {
        TransactionTemplate tx = new TransactionTemplate(a.getBean(PlatformTransactionManager.class));
        return Actor.runAsSystem("two-instance status page test", () -> tx.execute(s -> work.get()));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
