package dev.kintsugi.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserManagement;
import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Incident pages in the viewer's language: input errors, severity meanings, tiers, the chart, error pages. */
class IncidentFrenchPagesTest extends IntegrationTest {
    private static final String NNBSP = "\u202f";

    private WebSession person(Role role, String locale) {
        String name = unique("lang");
        createUser(name, role, "password-" + name);
        tx.executeWithoutResult(
                s -> users.updateProfile(name, new UserManagement.ProfileChange(null, null, "UTC", locale)));
        return WebSession.loggedIn(baseUrl(), name, "password-" + name);
    }

    @Test
    void aDeclarationErrorNamesTheFieldByItsLabelInTheViewersLanguage() {
        var fr = person(Role.RESPONDER, "fr").post("/incidents", Map.of("title", " ", "severity", "SEV3"));
        assertThat(fr.status()).isEqualTo(400);
        assertThat(fr.body())
                .contains("Titre" + NNBSP + ": ne doit pas être vide")
                .doesNotContain("title:");

        var en = person(Role.RESPONDER, "en").post("/incidents", Map.of("title", " ", "severity", "SEV3"));
        assertThat(en.status()).isEqualTo(400);
        assertThat(en.body()).contains("Title: must not be blank");
    }

    @Test
    void theDeclareFormDescribesSeveritiesAndTiersInFrench() {
        String body = person(Role.RESPONDER, "fr").get("/incidents/new").body();
        assertThat(body)
                .contains("SEV1 — Critique" + NNBSP + ": le produit est à l’arrêt")
                .doesNotContain("Critical: the product is down");
    }

    @Test
    void theTrendChartNamesMonthsInTheViewersLanguage() {
        String fr = person(Role.VIEWER, "fr").get("/").body();
        assertThat(fr).contains("aria-label=\"Incidents déclarés par mois, par sévérité\"");
        assertThat(fr)
                .containsPattern(">(janv\\.|févr\\.|mars|avr\\.|mai|juin|juil\\.|août|sept\\.|oct\\.|nov\\.|déc\\.)<");
        assertThat(fr).doesNotContainPattern(">(Jan|Feb|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)<");
    }

    @Test
    void errorPagesKeepTheNavigationAndNameTheRoleNeeded() {
        WebSession viewer = person(Role.VIEWER, "fr");
        var refused = viewer.get("/incidents/new");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Cette page demande le rôle Intervenant", "class=\"mainnav\"");

        var missing = viewer.get("/incidents/INC-987654");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).contains("Page introuvable", "class=\"mainnav\"");
        // Spring Boot's error page (an unknown address, a refusal by address rule) is covered in a real browser by
        // FrenchPagesBrowserTest: it answers HTML only to clients that ask for it.
    }
}
