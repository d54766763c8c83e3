package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Password guessing is slowed down per account and per client address, and never locks a real user out long. */
class LoginThrottleTest extends IntegrationTest {
    @Autowired
    AdjustableClock clock;

    @AfterEach
    void letEveryBucketRefill() {
        // Other tests log in from the same address: give them a full address bucket again.
        clock.advance(Duration.ofMinutes(10));
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
        assertThat(seconds).isBetween(1L, 60L);
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
}
