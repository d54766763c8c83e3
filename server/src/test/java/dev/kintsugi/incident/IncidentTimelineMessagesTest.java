package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The entries an incident writes itself are stored as a message code and typed arguments and read in each
 * reader's language and zone: labels for statuses, roles and milestones, display names for users.
 */
class IncidentTimelineMessagesTest extends IntegrationTest {
    private static final String NNBSP = "\u202f";

    private String person(Role role, String locale, String zone, String displayName) {
        String name = unique("tl");
        createUser(name, role, "password-" + name);
        tx.executeWithoutResult(
                s -> users.updateProfile(name, new UserManagement.ProfileChange(displayName, null, zone, locale)));
        return name;
    }

    private static List<JsonNode> entries(ApiClient api, String key) {
        var r = api.get("/api/v1/incidents/" + key + "/timeline");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> all = new ArrayList<>();
        r.json().forEach(all::add);
        return all;
    }

    /** The latest entry with this code. */
    private static JsonNode withCode(List<JsonNode> entries, String code) {
        return entries.stream()
                .filter(e -> code.equals(e.path("messageCode").asString(null)))
                .reduce((first, later) -> later)
                .orElseThrow(() -> new AssertionError("no entry " + code + " in " + entries));
    }

    @Test
    void systemEntriesReadInEachReadersLanguageAndZone() {
        String ada = person(Role.RESPONDER, "en", "UTC", "Ada Lovelace");
        String camille = person(Role.RESPONDER, "fr", "Europe/Paris", "Camille Martin");
        ApiClient english = apiAs(ada);
        ApiClient french = apiAs(camille);

        var declared = english.post(
                "/api/v1/incidents", Map.of("title", "Paiements en échec", "severity", "SEV2", "commander", camille));
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        String key = declared.json().get("key").asString();
        assertThat(english.post("/api/v1/incidents/" + key + "/transitions", Map.of("to", "IDENTIFIED"))
                        .status())
                .isEqualTo(200);
        assertThat(english.post("/api/v1/incidents/" + key + "/transitions", Map.of("to", "MONITORING"))
                        .status())
                .isEqualTo(200);
        var milestone = english.put(
                "/api/v1/incidents/" + key + "/milestones/IMPACT_STARTED", Map.of("at", "2026-01-15T09:30:00Z"));
        assertThat(milestone.status()).as(milestone.body()).isEqualTo(200);

        List<JsonNode> en = entries(english, key);
        JsonNode status = withCode(en, "incident.timeline.status");
        assertThat(status.get("body").asString()).isEqualTo("Status: Identified → Monitoring");
        assertThat(status.get("messageArgs").toString())
                .isEqualTo("[{\"type\":\"STATUS\",\"value\":\"IDENTIFIED\"},{\"type\":\"STATUS\","
                        + "\"value\":\"MONITORING\"}]");
        assertThat(withCode(en, "incident.timeline.declared").get("body").asString())
                .isEqualTo("Declared " + key + " (SEV2): Paiements en échec");
        assertThat(withCode(en, "incident.timeline.role.taken").get("body").asString())
                .isEqualTo("Incident commander: Camille Martin");
        assertThat(withCode(en, "incident.timeline.milestone.set").get("body").asString())
                .isEqualTo("Impact started set to 2026-01-15 09:30 UTC");

        List<JsonNode> fr = entries(french, key);
        assertThat(withCode(fr, "incident.timeline.status").get("body").asString())
                .isEqualTo("Statut" + NNBSP + ": Cause identifiée → Surveillance");
        assertThat(withCode(fr, "incident.timeline.role.taken").get("body").asString())
                .isEqualTo("Commandant d’incident" + NNBSP + ": Camille Martin");
        assertThat(withCode(fr, "incident.timeline.milestone.set").get("body").asString())
                .isEqualTo("Début de l’impact fixé au 2026-01-15 10:30 CET");
        assertThat(withCode(fr, "incident.timeline.milestone").get("body").asString())
                .isEqualTo("Atténué");

        // the page shows the same entries in the viewer's language
        String page = WebSession.loggedIn(baseUrl(), camille, "password-" + camille)
                .get("/incidents/" + key)
                .body();
        assertThat(page).contains("Statut" + NNBSP + ": Cause identifiée → Surveillance");
        assertThat(page).doesNotContain("Status: Identified");
    }

    @Test
    void entriesWrittenBeforeMessagesExistedReadAsTheirText() {
        ApiClient api = apiAs(Role.RESPONDER);
        String key = api.post("/api/v1/incidents", Map.of("title", "An old incident", "severity", "SEV4"))
                .json()
                .get("key")
                .asString();
        tx.executeWithoutResult(
                s -> jdbc.sql("""
                        update incident_timeline_entry set message_code = null, message_args = null,
                            body = 'Status: INVESTIGATING (old text)'
                        where incident_id = (select id from incident where number = ?)""").param(Long.parseLong(key.substring(4))).update());
        JsonNode entry = entries(api, key).getFirst();
        assertThat(entry.get("body").asString()).isEqualTo("Status: INVESTIGATING (old text)");
        assertThat(entry.has("messageCode")).isFalse();
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;
}
