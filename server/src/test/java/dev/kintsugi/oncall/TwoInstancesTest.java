package dev.kintsugi.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.kintsugi.KintsugiApplication;
import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.OwnDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two Kintsugi instances on one database (a throwaway PostgreSQL cluster on the suite's PostgreSQL pass, H2 in
 * server mode otherwise: {@link OwnDatabase}), both running their db-scheduler: every
 * page's escalation step and notification runs on one instance only, so each person receives each e-mail once.
 */
class TwoInstancesTest {
    private static final int PAGES = 6;

    @Test
    void twoInstancesOnOneDatabaseSendEachNotificationOnce() throws Exception {
        // a throwaway PostgreSQL cluster on the suite's PostgreSQL pass, an H2 TCP server otherwise
        OwnDatabase db = OwnDatabase.forThisPass("oncall_two").start();
        GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                instances.add(new SpringApplicationBuilder(KintsugiApplication.class)
                        .profiles("test")
                        // command-line arguments: above application.yml, unlike default properties
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=" + db.url(),
                                "--spring.datasource.username=" + db.username(),
                                "--spring.datasource.password=" + db.password(),
                                "--spring.mail.host=127.0.0.1",
                                "--spring.mail.port=" + smtp.getSmtp().getPort(),
                                "--spring.application.name=kintsugi-" + i));
            }
            ConfigurableApplicationContext a = instances.getFirst();
            TransactionTemplate tx = new TransactionTemplate(a.getBean(PlatformTransactionManager.class));
            List<String> people = List.of("ann-two", "bob-two");
            long team = Actor.runAsSystem(
                    "two-instance test setup",
                    () -> tx.execute(s -> {
                        UserManagement users = a.getBean(UserManagement.class);
                        for (String p : people) {
                            users.create(new UserManagement.NewUser(
                                    p, p, p + "@example.test", Role.RESPONDER, "password-" + p));
                        }
                        long id = a.getBean(CatalogManagement.class)
                                .createTeam(new TeamDraft("two", "Two", null, null, people))
                                .id();
                        a.getBean(EscalationPolicies.class)
                                .create(new EscalationPolicies.PolicyDraft(
                                        "two-default",
                                        "Two",
                                        "two",
                                        true,
                                        List.of(new EscalationLevel(
                                                EscalationLevel.TargetType.USER, "ann-two", null, null, 30)),
                                        0,
                                        PolicyRouting.ALWAYS));
                        return id;
                    }));
            for (int n = 0; n < PAGES; n++) {
                // alternate the instance that takes the page (each in its own transaction): both agree on who sends
                Paging paging = instances.get(n % 2).getBean(Paging.class);
                String subject = "two-" + n;
                Actor.runAsSystem(
                        "two-instance test page",
                        () -> paging.page(new PageRequest(
                                "test",
                                subject,
                                "Page " + subject,
                                null,
                                "SEV1",
                                List.of(),
                                List.of(team),
                                null,
                                null)));
            }

            NotifyingTest.eventually(60, PAGES + " e-mails", () -> smtp.getReceivedMessages().length >= PAGES);
            // both instances poll every 5 s: give either a few more chances to send a duplicate
            Thread.sleep(Duration.ofSeconds(12));
            assertThat(smtp.getReceivedMessages()).hasSize(PAGES);
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from oncall_delivery where status = 'SENT'")
                            .query(Long.class)
                            .single())
                    .isEqualTo(PAGES);
            assertThat(jdbc.sql("select count(*) from oncall_page_recipient")
                            .query(Long.class)
                            .single())
                    .isEqualTo(PAGES);
        } finally {
            for (var c : instances) {
                c.close();
            }
            smtp.stop();
            db.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
