package dev.kintsugi.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.WebSession;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The silences page and API refuse in the reader's language: the refusal's message code and arguments, never the
 * English text behind them.
 */
class SilenceRefusalsTest extends AlertingFixtures {
    @BeforeEach
    void setUp() {
        organisation();
    }

    @Test
    void aRefusedSilenceOrMaintenanceSaysWhyInFrench() {
        WebSession web = WebSession.loggedIn(baseUrl(), responder, "password-" + responder);
        web.get("/alerts/silences?lang=fr");
        web.post("/alerts/silences?lang=fr", Map.of("matchers", "alertname~~nope", "duration", "1h", "comment", "x"));
        String page = web.get("/alerts/silences?lang=fr").body();
        assertThat(page)
                .contains("data-field=\"matchers\"")
                .contains("Refusé\u202f: sélecteurs d’étiquettes\u202f: Ce n’est pas un sélecteur d’étiquettes au"
                        + " caractère 1")
                .doesNotContain("not a label matcher");

        web.post("/alerts/maintenance?lang=fr", Map.of("service", service, "duration", "1h", "reason", " "));
        String after = web.get("/alerts/silences?lang=fr").body();
        assertThat(after)
                .contains("data-field=\"reason\"")
                .contains("raison\u202f: Obligatoire\u202f: dites pourquoi.")
                .doesNotContain("say why");

        web.get("/alerts/silences?lang=en");
        web.post("/alerts/silences?lang=en", Map.of("matchers", "a=~\"(\"", "duration", "1h", "comment", "x"));
        assertThat(web.get("/alerts/silences?lang=en").body())
                .contains("Refused: matchers: ")
                .contains("(");

        // the API: problem details in the reader's language, naming the field
        var problem = api.withHeader("Accept-Language", "fr")
                .post(
                        "/api/v1/alerting/silences",
                        Map.of("matchers", "nope", "endsAt", "2099-01-01T00:00:00Z", "comment", "deploy"));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.body()).contains("matchers").contains("Ce n’est pas un sélecteur d’étiquettes");
    }
}
