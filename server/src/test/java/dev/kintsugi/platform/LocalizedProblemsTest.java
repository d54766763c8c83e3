package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * API problem details in the request's language: Accept-Language picks the titles and the field messages (our own
 * rules' messages by their codes, Jakarta Validation's by its own bundles); English without it. The field stays
 * the API's name for it. Language findings explain themselves in the reader's language, whatever the text's.
 */
class LocalizedProblemsTest extends IntegrationTest {
    private ApiClient english;
    private ApiClient french;
    private long postmortem;

    @BeforeEach
    void postmortem() {
        english = apiAs(Role.RESPONDER);
        french = english.withHeader("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5");
        var started = english.post("/api/v1/postmortems", Map.of("origin", "NEAR_MISS", "title", "Presque"));
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        postmortem = started.json().get("id").asLong();
    }

    @Test
    void ourOwnRuleSaysItsMessageInTheAskedLanguageAndNamesTheField() {
        Map<String, Object> noOwner = countermeasure("Alerter sur la saturation du pool");
        var fr = french.post("/api/v1/postmortems/" + postmortem + "/countermeasures", noOwner);
        assertThat(fr.status()).isEqualTo(400);
        assertThat(fr.json().get("title").asString()).isEqualTo("Saisie invalide");
        assertThat(fr.json().get("field").asString()).isEqualTo("ownerUser");
        assertThat(firstMessage(fr.json())).startsWith("nommez un responsable");

        var en = english.post("/api/v1/postmortems/" + postmortem + "/countermeasures", noOwner);
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.json().get("title").asString()).isEqualTo("Invalid input");
        assertThat(firstMessage(en.json())).isEqualTo("name an owner: a person, a team, or both");

        Map<String, Object> unknown = countermeasure("Alerter sur la saturation du pool");
        unknown.put("ownerUser", "nobody-" + unique("x"));
        var noSuchUser = french.post("/api/v1/postmortems/" + postmortem + "/countermeasures", unknown);
        assertThat(noSuchUser.json().get("field").asString()).isEqualTo("ownerUser");
        assertThat(firstMessage(noSuchUser.json())).startsWith("aucun utilisateur nommé «\u00a0nobody-");
    }

    @Test
    void jakartaValidationAndTheOtherProblemsFollowTheAskedLanguage() {
        var blank = french.post("/api/v1/incidents", Map.of("title", " ", "severity", "SEV3"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().get("title").asString()).isEqualTo("Saisie invalide");
        assertThat(blank.json().get("field").asString()).isEqualTo("title");
        assertThat(firstMessage(blank.json())).isEqualTo("ne doit pas être vide");
        var blankEnglish = english.post("/api/v1/incidents", Map.of("title", " ", "severity", "SEV3"));
        assertThat(firstMessage(blankEnglish.json())).isEqualTo("must not be blank");

        var missing = french.get("/api/v1/incidents/INC-987654321");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("title").asString()).isEqualTo("Introuvable");
        assertThat(english.get("/api/v1/incidents/INC-987654321")
                        .json()
                        .get("title")
                        .asString())
                .isEqualTo("Not found");

        var malformed = french.send("POST", "/api/v1/incidents", "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("title").asString()).isEqualTo("Corps de requête mal formé");

        // refused by the security filter, before any controller
        ApiClient viewer = apiAs(Role.VIEWER).withHeader("Accept-Language", "fr");
        var refused = viewer.post("/api/v1/incidents", Map.of("title", "x", "severity", "SEV3"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("title").asString()).isEqualTo("Interdit");
        assertThat(refused.json().get("detail").asString()).isEqualTo("Votre rôle ne permet pas cette action");
        var anonymous = anonymousApi().withHeader("Accept-Language", "fr");
        assertThat(anonymous.get("/api/v1/incidents").json().get("title").asString())
                .isEqualTo("Non authentifié");
        // a header that is no language range reads as English, never as an error
        assertThat(anonymousApi()
                        .withHeader("Accept-Language", "???")
                        .get("/api/v1/incidents")
                        .json()
                        .get("title")
                        .asString())
                .isEqualTo("Unauthorized");
    }

    @Test
    void aLanguageFindingIsExplainedInTheReadersLanguageWhateverTheTexts() {
        var fr = french.post("/api/v1/postmortems/language-check", Map.of("text", "We should have rolled back."));
        assertThat(fr.status()).as(fr.body()).isEqualTo(200);
        JsonNode finding = fr.json().get(0);
        assertThat(finding.get("match").asString()).isEqualTo("should have");
        assertThat(finding.get("explanation").asString()).startsWith("Biais rétrospectif");
        assertThat(finding.get("prompt").asString()).endsWith("\u202f?");

        var en = english.post("/api/v1/postmortems/language-check", Map.of("text", "On aurait dû revenir en arrière."));
        JsonNode french = en.json().get(0);
        assertThat(french.get("match").asString()).isEqualTo("On aurait dû");
        assertThat(french.get("explanation").asString()).startsWith("Hindsight");

        // the rule's own, more precise words when reader and text share the language
        var same = english.post("/api/v1/postmortems/language-check", Map.of("text", "We should have rolled back."));
        assertThat(same.json().get(0).get("explanation").asString()).doesNotStartWith("Hindsight:");

        // a try-harder countermeasure is refused in the reader's language, with real examples
        Map<String, Object> tryHarder = countermeasure("Be more careful with the pool settings");
        tryHarder.put("ownerUser", null);
        var refused = this.french.post("/api/v1/postmortems/" + postmortem + "/countermeasures", tryHarder);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asString()).isEqualTo("title");
        assertThat(firstMessage(refused.json()))
                .contains("demande seulement de faire plus d’efforts")
                .contains("test automatisé");
    }

    private Map<String, Object> countermeasure(String title) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("title", title);
        b.put("kind", "TELEMETRY_OR_ALERT");
        b.put("dueDate", "2099-01-31");
        return b;
    }

    private static String firstMessage(JsonNode problem) {
        List<JsonNode> errors = problem.get("errors").valueStream().toList();
        return errors.getFirst().get("message").asString();
    }
}
