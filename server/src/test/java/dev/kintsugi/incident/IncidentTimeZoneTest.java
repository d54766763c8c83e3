package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A milestone typed in Paris shows at the right wall-clock time in New York, on both sides of Europe's DST
 * change (2020-03-29) while the US is already on summer time (since 2020-03-08): the gap is 5 h, then 6 h.
 */
class IncidentTimeZoneTest extends IntegrationTest {

    private WebSession userIn(String zone, Role role) {
        String name = unique("tz");
        createUser(name, role, "password-" + name);
        tx.executeWithoutResult(
                s -> users.updateProfile(name, new UserManagement.ProfileChange(null, null, zone, null)));
        return WebSession.loggedIn(baseUrl(), name, "password-" + name);
    }

    private static String milestone(String html, String milestone) {
        Matcher m =
                Pattern.compile("id=\"milestone-" + milestone + "\">([^<]*)<").matcher(html);
        assertThat(m.find()).as("milestone " + milestone + " on the page").isTrue();
        return m.group(1);
    }

    @Test
    void aParisMilestoneShowsInNewYorkAcrossDst() {
        WebSession paris = userIn("Europe/Paris", Role.RESPONDER);
        WebSession newYork = userIn("America/New_York", Role.VIEWER);

        var declared = paris.post(
                "/incidents",
                Map.of(
                        "title",
                        "Time zone check",
                        "severity",
                        "SEV4",
                        "detectedAt",
                        "2020-03-30T10:00",
                        "impactStartedAt",
                        "2020-03-20T10:00"));
        assertThat(declared.status()).isEqualTo(302);
        String path = declared.location().replaceFirst("^https?://[^/]+", "");
        String key = path.substring(path.lastIndexOf('/') + 1);

        // Before Paris's switch: 10:00 CET = 09:00 UTC = 05:00 EDT.
        assertThat(milestone(paris.get(path).body(), "IMPACT_STARTED")).isEqualTo("2020-03-20 10:00 CET");
        assertThat(milestone(newYork.get(path).body(), "IMPACT_STARTED")).isEqualTo("2020-03-20 05:00 EDT");
        // After it: 10:00 CEST = 08:00 UTC = 04:00 EDT.
        assertThat(milestone(paris.get(path).body(), "DETECTED")).isEqualTo("2020-03-30 10:00 CEST");
        assertThat(milestone(newYork.get(path).body(), "DETECTED")).isEqualTo("2020-03-30 04:00 EDT");

        // Edited afterwards, in Paris, at a time that only exists once (the night of the switch).
        var edit = paris.post(
                "/incidents/" + key + "/milestones", Map.of("milestone", "IMPACT_STARTED", "at", "2020-03-29T01:30"));
        assertThat(edit.status()).isEqualTo(302);
        assertThat(milestone(newYork.get(path).body(), "IMPACT_STARTED")).isEqualTo("2020-03-28 20:30 EDT");
        var api = apiAs(Role.VIEWER).get("/api/v1/incidents/" + key).json();
        assertThat(api.get("milestones").get("impactStarted").asString()).isEqualTo("2020-03-29T00:30:00Z");
    }
}
