package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Password guessing is slowed down per account and per client address, and never locks a real user out long.
 * Time is driven by the application's clock, in an application of its own (own in-memory database) so that moving
 * its clock forward touches no other test; the buckets refill over an hour, so that the real time a slow machine
 * takes changes no count.
 */
@TestPropertySource(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:kintsugi-throttle;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "spring.datasource.username=sa",
            "spring.datasource.password=",
            "kintsugi.security.login-throttle.account-period=1h",
            "kintsugi.security.login-throttle.address-period=1h"
        })
@DirtiesContext
class LoginThrottleTest extends IntegrationTest {
    @Autowired
    AdjustableClock clock;

    @AfterEach
    void letEveryBucketRefill() {
        // The next test starts with full buckets.
        clock.advance(Duration.ofHours(2));
    }

    @Test
    void fiftyFiveWrongPasswordsAreThrottledAndTheRightOneWorksAfterTheBackoff() {
        String name = unique("guessed");
        createUser(name, Role.RESPONDER, "password-" + name);
        WebSession attacker = new WebSession(baseUrl());
        int wrong = 0;
        int throttled = 0;
        for (int i = 0; i < 55; i++) {
            var answer = attacker.login(name, "guess-" + i);
            assertThat(answer.status()).isEqualTo(302);
            if (answer.location().endsWith("/login?error")) {
                wrong++;
            } else {
                assertThat(answer.location()).matches(".*/login\\?throttled=[0-9]+");
                throttled++;
            }
        }
        assertThat(wrong).isEqualTo(5);
        assertThat(throttled).isEqualTo(50);

        // Even the right password waits: the throttle answers before any password is checked.
        WebSession owner = new WebSession(baseUrl());
        var early = owner.login(name, "password-" + name);
        assertThat(early.location()).contains("/login?throttled=");
        long seconds = Long.parseLong(early.location().replaceAll(".*throttled=", ""));
        assertThat(seconds).isBetween(1L, 12 * 60L);
        assertThat(owner.get("/login?throttled=" + seconds).body()).contains("Wait " + seconds + " s");

        clock.advance(Duration.ofSeconds(seconds));
        var late = owner.login(name, "password-" + name);
        assertThat(late.location()).doesNotContain("login");
        assertThat(owner.get("/").status()).isEqualTo(200);

        assertThat(apiAs(Role.ADMIN)
                        .get("/api/v1/audit?action=login.throttled&targetId=" + name)
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void aSprayOverManyAccountsFromOneAddressIsStopped() {
        WebSession sprayer = new WebSession(baseUrl());
        String last = null;
        for (int i = 0; i < 31; i++) {
            String name = unique("sprayed");
            createUser(name, Role.VIEWER, "password-" + name);
            last = sprayer.login(name, "Winter2026!").location();
        }
        assertThat(last).contains("/login?throttled=");
        // A fresh account from the same address waits too, right password or not.
        String fresh = unique("fresh");
        createUser(fresh, Role.VIEWER, "password-" + fresh);
        assertThat(new WebSession(baseUrl()).login(fresh, "password-" + fresh).location())
                .contains("/login?throttled=");
        assertThat(apiAs(Role.ADMIN)
                        .get("/api/v1/audit?action=login.throttled&targetType=client-address")
                        .json()
                        .get("total")
                        .asLong())
                .isPositive();
    }

    @Test
    void anAddressSendingWrongApiTokensGets429WithRetryAfterWhileValidTokensWork() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> call = token -> {
            try {
                return http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/api/v1/me"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        int unauthorized = 0;
        java.net.http.HttpResponse<String> last = null;
        for (int i = 0; i < 35; i++) {
            last = call.apply("kts_wrong" + i);
            unauthorized += last.statusCode() == 401 ? 1 : 0;
        }
        assertThat(unauthorized).isEqualTo(30);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        long retryAfter =
                Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isPositive();

        assertThat(apiAs(Role.VIEWER).get("/api/v1/me").status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(call.apply("kts_wrong-again").statusCode()).isEqualTo(401);
    }
}
