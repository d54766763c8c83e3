package dev.kintsugi.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Actor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The on-call module's sharp edges, through the real parts: two simultaneous pages for one subject, webhooks aimed
 * at internal addresses, and personal feeds in the person's language.
 */
class SharpEdgesTest extends OnCallFixtures {
    @Autowired
    Paging paging;

    @Autowired
    EscalationPolicies policies;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    java.time.Clock clock;

    @Test
    void twoSimultaneousPagesForOneSubjectGiveOnePageAndNoError() throws Exception {
        Crew crew = crew(0);
        EscalationPolicy policy = tx.execute(s -> Actor.runAsSystem(
                "race test policy",
                () -> policies.create(new EscalationPolicies.PolicyDraft(
                        unique("policy"),
                        "Race",
                        crew.team(),
                        false,
                        List.of(new EscalationLevel(EscalationLevel.TargetType.USER, crew.lead(), null, null, 30)),
                        0,
                        PolicyRouting.ALWAYS))));
        String subject = unique("race");
        PageRequest request =
                new PageRequest("test", subject, "Race", null, "SEV1", List.of(), List.of(), policy.id(), null);
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            // the first caller's page stays uncommitted while the second one, which cannot see it yet, pages too
            Future<PageView> first = two.submit(() -> tx.execute(s -> {
                PageView v = Actor.runAsSystem("race test", () -> paging.page(request));
                firstInserted.countDown();
                try {
                    secondStarted.await(30, TimeUnit.SECONDS);
                    // widens the window in which the second insert meets the uncommitted row; any interleaving
                    // must give the same outcome, so nothing depends on this pause's length
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return v;
            }));
            Future<PageView> second = two.submit(() -> {
                firstInserted.await(30, TimeUnit.SECONDS);
                secondStarted.countDown();
                return tx.execute(s -> Actor.runAsSystem("race test", () -> paging.page(request)));
            });
            PageView a = first.get(60, TimeUnit.SECONDS);
            PageView b = second.get(60, TimeUnit.SECONDS);
            assertThat(a.id()).isPositive();
            assertThat(b.id()).isEqualTo(a.id());
        } finally {
            two.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from oncall_page where subject_type = 'test' and subject_id = ?")
                        .param(subject)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from oncall_page_recipient r join oncall_page p on p.id = r.page_id"
                                + " where p.subject_id = ?")
                        .param(subject)
                        .query(Long.class)
                        .single())
                .as("one page, its first level paged once")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void webhooksToInternalAddressesAreRefusedUnlessAllowed() {
        Crew crew = crew(0);
        for (String internal : List.of(
                "http://169.254.169.254/latest/meta-data/",
                "http://10.1.2.3/hook",
                "http://192.168.0.10:8080/hook",
                "http://[::1]:8080/hook",
                "http://[fd00::1]/hook",
                "http://100.64.0.1/hook",
                "http://0.0.0.0:9000/hook")) {
            var refused = crew.api()
                    .post(
                            "/api/v1/oncall/me/contact-methods",
                            Map.of("channel", "WEBHOOK", "target", internal, "delayMinutes", 0));
            assertThat(refused.status()).as(internal + ": " + refused).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).contains("target").contains("internal address");
        }
        assertThat(crew.api().get("/api/v1/oncall/me/contact-methods").json()).isEmpty();
        // 127.0.0.1 is allowed by the tests' kintsugi.oncall.allowed-webhook-hosts
        var allowed = crew.api()
                .post(
                        "/api/v1/oncall/me/contact-methods",
                        Map.of("channel", "SLACK", "target", "http://127.0.0.1:9/hook", "delayMinutes", 0));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
    }

    @Test
    void aPersonalFeedSpeaksThePersonsLanguage() throws Exception {
        Crew crew = crew(1);
        String ann = crew.people().get(0);
        String bob = crew.people().get(1);
        assertThat(crew.api().patch("/api/v1/me", Map.of("locale", "fr")).status())
                .isEqualTo(200);
        String name = unique("sched");
        String start = dayBefore(clock.instant(), ChronoUnit.HOURS);
        assertThat(schedule(crew, name, "UTC", List.of(rotation("r", 0, List.of(ann, bob), start, "DAYS", 1)))
                        .status())
                .isEqualTo(201);

        String annFeed =
                feed(crew.api().get("/api/v1/oncall/me/feed").json().get("url").asString());
        assertThat(annFeed).contains("SUMMARY:D\u2019astreinte\u202f: " + ann).doesNotContain("On call:");
        String bobFeed =
                feed(apiAs(bob).get("/api/v1/oncall/me/feed").json().get("url").asString());
        assertThat(bobFeed).contains("SUMMARY:On call: " + bob).doesNotContain("astreinte");
    }

    private String feed(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(baseUrl() + URI.create(url).getPath()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body().replace("\r\n ", ""); // unfold RFC 5545 lines
    }
}
