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
    @org.springframework.beans.factory.annotation.Autowired
    dev.kintsugi.catalog.CatalogManagement catalog;

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

    @Test
    void inputErrorsOfTheCoreModulesAreSaidInTheAskedLanguage() {
        // incident: an enum given by a name it does not have
        var severity = french.post("/api/v1/incidents", Map.of("title", "Paiements lents", "severity", "SEV9"));
        assertThat(severity.status()).isEqualTo(400);
        assertThat(severity.json().get("field").asString()).isEqualTo("severity");
        assertThat(firstMessage(severity.json())).startsWith("doit être l’une des valeurs [SEV1, SEV2");
        assertThat(firstMessage(english.post("/api/v1/incidents", Map.of("title", "Slow", "severity", "SEV9"))
                        .json()))
                .startsWith("must be one of [SEV1, SEV2");

        // incident: a closure without its reason
        String key = english.post("/api/v1/incidents", Map.of("title", "Paiements lents", "severity", "SEV4"))
                .json()
                .get("key")
                .asString();
        var noReason = french.post("/api/v1/incidents/" + key + "/transitions", Map.of("to", "CLOSED"));
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(400);
        assertThat(noReason.json().get("field").asString()).isEqualTo("closureReason");
        assertThat(firstMessage(noReason.json())).startsWith("clore demande un motif\u202f: RESOLVED");
        assertThat(noReason.json().get("detail").asString())
                .isEqualTo("closureReason: " + firstMessage(noReason.json()));

        // incident: milestones out of order, named by their French labels
        assertThat(english.post("/api/v1/incidents/" + key + "/transitions", Map.of("to", "RESOLVED"))
                        .status())
                .isEqualTo(200);
        String resolvedAt = english.get("/api/v1/incidents/" + key)
                .json()
                .get("milestones")
                .get("resolved")
                .asString();
        String later = java.time.Instant.parse(resolvedAt).plusSeconds(30).toString();
        var order = french.put("/api/v1/incidents/" + key + "/milestones/mitigated", Map.of("at", later));
        assertThat(order.status()).as(order.body()).isEqualTo(400);
        assertThat(firstMessage(order.json())).isEqualTo("Atténué ne peut pas être après Résolu");
        assertThat(firstMessage(english.put("/api/v1/incidents/" + key + "/milestones/mitigated", Map.of("at", later))
                        .json()))
                .isEqualTo("Mitigated cannot be after Resolved");

        // post-mortem: an origin reserved to incidents
        var origin = french.post("/api/v1/postmortems", Map.of("origin", "INCIDENT", "title", "Presque"));
        assertThat(origin.status()).isEqualTo(400);
        assertThat(origin.json().get("field").asString()).isEqualTo("origin");
        assertThat(firstMessage(origin.json())).startsWith("doit être NEAR_MISS, GAME_DAY ou EXTERNAL_OUTAGE");

        // platform: an If-Match that is no entity tag
        var ifMatch = french.withHeader("If-Match", "trois")
                .post("/api/v1/postmortems/" + postmortem + "/transitions", Map.of("to", "IN_REVIEW"));
        assertThat(ifMatch.status()).isEqualTo(400);
        assertThat(ifMatch.json().get("field").asString()).isEqualTo("If-Match");
        assertThat(firstMessage(ifMatch.json())).startsWith("doit être une étiquette d’entité");

        // catalog: a tier it does not have
        var tier = french.post(
                "/api/v1/services",
                Map.of("name", unique("svc"), "displayName", "Paiements", "tier", "TIER_9", "ownerTeam", "x"));
        assertThat(tier.status()).isEqualTo(400);
        assertThat(tier.json().get("field").asString()).isEqualTo("tier");
        assertThat(firstMessage(tier.json())).startsWith("doit être l’une des valeurs");
    }

    @Test
    void conflictsOfTheCoreModulesAreSaidInTheAskedLanguage() {
        // incident: a move its status does not allow, with the allowed ones
        String key = english.post("/api/v1/incidents", Map.of("title", "Paiements lents", "severity", "SEV4"))
                .json()
                .get("key")
                .asString();
        assertThat(english.post("/api/v1/incidents/" + key + "/transitions", Map.of("to", "MONITORING"))
                        .status())
                .isEqualTo(200);
        var illegal = french.post("/api/v1/incidents/" + key + "/transitions", Map.of("to", "IDENTIFIED"));
        assertThat(illegal.status()).isEqualTo(409);
        assertThat(illegal.json().get("title").asString()).isEqualTo("En conflit avec l’état actuel");
        assertThat(illegal.json().get("detail").asString())
                .startsWith(key + " ne peut pas passer de MONITORING à IDENTIFIED\u202f; suivants possibles\u202f: ");
        assertThat(illegal.json().get("currentStatus").asString()).isEqualTo("MONITORING");
        var illegalEnglish = english.post("/api/v1/incidents/" + key + "/transitions", Map.of("to", "IDENTIFIED"));
        assertThat(illegalEnglish.json().get("detail").asString())
                .startsWith(key + " cannot move from MONITORING to IDENTIFIED; allowed next: ");

        // post-mortem: a draft is not amended
        var amend = french.post("/api/v1/postmortems/" + postmortem + "/transitions", Map.of("to", "DRAFT"));
        assertThat(amend.status()).as(amend.body()).isEqualTo(409);
        assertThat(amend.json().get("detail").asString())
                .doesNotContain("cannot")
                .contains("DRAFT");

        // catalog: a team name already taken
        ApiClient frenchAdmin = apiAs(Role.ADMIN).withHeader("Accept-Language", "fr");
        String team = unique("team");
        assertThat(english.post("/api/v1/teams", Map.of("name", team, "displayName", "Équipe"))
                        .status())
                .isEqualTo(201);
        var taken = french.post("/api/v1/teams", Map.of("name", team, "displayName", "Autre"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("detail").asString())
                .isEqualTo("Une équipe nommée «\u00a0" + team + "\u00a0» existe déjà");
        assertThat(english.post("/api/v1/teams", Map.of("name", team, "displayName", "Other"))
                        .json()
                        .get("detail")
                        .asString())
                .isEqualTo("A team named '" + team + "' already exists");

        // platform: a username already taken
        String username = unique("dup");
        Map<String, Object> user = Map.of(
                "username", username,
                "displayName", "Grace",
                "email", "someone@example.test",
                "role", "VIEWER",
                "password", "a-long-password");
        assertThat(frenchAdmin.post("/api/v1/users", user).status()).isEqualTo(201);
        var again = frenchAdmin.post("/api/v1/users", user);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").asString())
                .isEqualTo("Un utilisateur nommé «\u00a0" + username + "\u00a0» existe déjà");
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

    @Test
    void chaosSaysItsInputErrorsAndRefusalsInTheAskedLanguage() {
        ApiClient engineer = apiAs(Role.CHAOS_ENGINEER);
        ApiClient frEngineer = engineer.withHeader("Accept-Language", "fr-FR,fr;q=0.9");
        var noService = frEngineer.post("/api/v1/chaos/hub/dependency-latency/instantiate", Map.of("service", " "));
        assertThat(noService.status()).isEqualTo(400);
        assertThat(noService.json().get("field").asString()).isEqualTo("service");
        assertThat(firstMessage(noService.json())).isEqualTo("Indiquez le service sur lequel la lancer.");
        assertThat(firstMessage(engineer.post("/api/v1/chaos/hub/dependency-latency/instantiate", Map.of())
                        .json()))
                .isEqualTo("Name the service to run it on.");

        // a rule of the server's inside an experiment's own problem list
        var unknown = frEngineer.post(
                "/api/v1/experiments",
                Map.of(
                        "definition",
                        "{\"title\": \"t\", \"description\": \"d\", \"method\": []}",
                        "services",
                        List.of("no-such-service-" + unique("x"))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("title").asString()).isEqualTo("Expérience invalide");
        assertThat(unknown.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("message").asString()))
                .anyMatch(m -> m.startsWith("Aucun service nommé «\u202fno-such-service-"));

        // a guardrail's refusal: the kill switch engaged
        var engaged = engineer.post("/api/v1/chaos/kill-switch/engage", Map.of("reason", "localised refusal"));
        assertThat(engaged.status()).as(engaged.body()).isLessThan(300);
        try {
            String service = unique("frshop");
            tx.executeWithoutResult(s -> {
                catalog.createTeam(new dev.kintsugi.catalog.TeamDraft(service + "-team", "T", null, null, List.of()));
                catalog.createService(new dev.kintsugi.catalog.ServiceDraft(
                        service, "S", null, dev.kintsugi.catalog.Tier.TIER_2, service + "-team", null, null, null));
            });
            var experiment = engineer.post(
                    "/api/v1/chaos/hub/dependency-latency/instantiate",
                    Map.of(
                            "service", service,
                            "proxyApiUrl", "http://127.0.0.1:9",
                            "proxy", "db",
                            "probeUrl", "http://127.0.0.1:9/health"));
            assertThat(experiment.status()).as(experiment.body()).isEqualTo(201);
            var refused = frEngineer.post(
                    "/api/v1/experiments/" + experiment.json().get("id").asLong() + "/runs", Map.of());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("reason").asString()).isEqualTo("chaos.refused.kill-switch");
            assertThat(refused.json().get("detail").asString()).startsWith("L’arrêt d’urgence est enclenché");
        } finally {
            assertThat(engineer.post("/api/v1/chaos/kill-switch/release", Map.of())
                            .status())
                    .isLessThan(300);
        }
    }
}
