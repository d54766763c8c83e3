package dev.kintsugi.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kintsugi.KintsugiApplication;
import dev.kintsugi.incident.DeclareIncident;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.incident.IncidentStatus;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.incident.Transition;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.support.OwnDatabase;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two instances on one database (PostgreSQL on the suite's PostgreSQL pass, H2 in server mode otherwise), each
 * with its own index: what is written on one is found on both, through the change log, not in-process events.
 */
class SearchTwoInstancesTest {

    @Test
    void bothInstancesFindAPostmortemWrittenOnTheOther() throws Exception {
        OwnDatabase db = OwnDatabase.forThisPass("search_two").start();
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                instances.add(new SpringApplicationBuilder(KintsugiApplication.class)
                        .profiles("test")
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=" + db.url(),
                                "--spring.datasource.username=" + db.username(),
                                "--spring.datasource.password=" + db.password(),
                                "--kintsugi.search.index-dir=" + Files.createTempDirectory("kintsugi-search-" + i),
                                "--spring.application.name=kintsugi-" + i));
            }
            for (int writer = 0; writer < 2; writer++) {
                ConfigurableApplicationContext on = instances.get(writer);
                TransactionTemplate tx = new TransactionTemplate(on.getBean(PlatformTransactionManager.class));
                IncidentManagement incidents = on.getBean(IncidentManagement.class);
                String w = SearchTestSupport.word();
                Actor.runAsSystem(
                        "two-instance search test",
                        () -> tx.executeWithoutResult(s -> {
                            String key = incidents
                                    .declare(new DeclareIncident(
                                            w + " written on instance " + on.getId(),
                                            "Replication lag",
                                            Severity.SEV3,
                                            List.of(),
                                            null,
                                            null,
                                            false,
                                            null,
                                            null))
                                    .key();
                            incidents.transition(key, Transition.to(IncidentStatus.RESOLVED));
                        }));
                // the resolved incident's draft post-mortem (made by a listener on the writer) is found on both
                for (ConfigurableApplicationContext reader : instances) {
                    Search search = reader.getBean(Search.class);
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> Actor.runAsSystem(
                                    "two-instance search test",
                                    () -> search.search(SearchQuery.of(w + " type:postmortem"))
                                                    .total()
                                            == 1));
                    assertThat(Actor.runAsSystem(
                                    "two-instance search test",
                                    () -> search.search(SearchQuery.of(w)).total()))
                            .isEqualTo(2);
                }
            }
        } finally {
            for (var c : instances) {
                c.close();
            }
            db.close();
        }
    }
}
