package dev.kintsugi.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.TeamDraft;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.Eventually;
import dev.kintsugi.support.Instances;
import dev.kintsugi.support.Mailbox;
import dev.kintsugi.support.OwnDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
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
        Mailbox mail = Mailbox.start();
        // a throwaway PostgreSQL cluster on the suite's PostgreSQL pass, an H2 TCP server otherwise
        try (OwnDatabase db = OwnDatabase.forThisPass("oncall_two").start();
                Instances instances = new Instances(db)) {
            String[] mailSettings = {"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + mail.port()};
            ConfigurableApplicationContext a = instances.start("kintsugi-0", mailSettings);
            ConfigurableApplicationContext b = instances.start("kintsugi-1", mailSettings);
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
                Paging paging = (n % 2 == 0 ? a : b).getBean(Paging.class);
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

            Eventually.eventually(60, PAGES + " e-mails", () -> mail.received().size() >= PAGES);
            // both instances poll every 5 s: give either a few more chances to send a duplicate
            Thread.sleep(Duration.ofSeconds(12));
            assertThat(mail.received()).hasSize(PAGES);
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
            mail.stop();
        }
    }
}
