package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.WebSession;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfilePageTest extends IntegrationTest {

    private WebSession loggedIn(String username, String password) {
        WebSession web = new WebSession(baseUrl());
        var login = web.login(username, password);
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.location()).doesNotContain("error");
        return web;
    }

    @Test
    void theProfileShowsTheTimeZoneAdoptedFromTheBrowserOnce() {
        String name = createUser(unique("zoned"), Role.VIEWER, "a-long-password");
        WebSession web = loggedIn(name, "a-long-password");

        var before = web.get("/profile");
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body()).contains("name=\"viewer-zone-unset\"", "Test " + name);
        assertThat(before.body()).as("every message is in the bundle").doesNotContain("??");

        var adopted = web.post("/profile/timezone", Map.of("timeZone", "Europe/Paris"));
        assertThat(adopted.status()).isEqualTo(204);

        var after = web.get("/profile");
        assertThat(after.body())
                .doesNotContain("viewer-zone-unset")
                .contains("<option value=\"Europe/Paris\" selected=\"selected\">Europe/Paris</option>");
        assertThat(users.get(name).timeZone()).isEqualTo("Europe/Paris");

        // The browser's zone is only a first guess: it never overrides a zone already set.
        var again = web.post("/profile/timezone", Map.of("timeZone", "America/New_York"));
        assertThat(again.status()).isEqualTo(204);
        assertThat(users.get(name).timeZone()).isEqualTo("Europe/Paris");
    }

    @Test
    void anUnknownBrowserZoneIsRefused() {
        String name = createUser(unique("badzone"), Role.VIEWER, "a-long-password");
        WebSession web = loggedIn(name, "a-long-password");
        web.get("/profile");

        assertThat(web.post("/profile/timezone", Map.of("timeZone", "Mars/Olympus"))
                        .status())
                .isEqualTo(400);
        assertThat(users.get(name).timeZone()).isNull();
    }

    @Test
    void timeZoneChangesNeedTheCsrfToken() {
        String name = createUser(unique("csrf"), Role.VIEWER, "a-long-password");
        WebSession web = loggedIn(name, "a-long-password");
        WebSession forged = new WebSession(baseUrl());

        // A session without the page's token (as a cross-site form would be) is refused.
        assertThat(forged.post("/profile/timezone", Map.of("timeZone", "Asia/Tokyo"))
                        .status())
                .isIn(302, 401, 403);
        assertThat(users.get(name).timeZone()).isNull();
        assertThat(web.get("/profile").status()).isEqualTo(200);
    }

    @Test
    void settingsAndTokensAreManagedFromTheProfile() {
        String name = createUser(unique("settings"), Role.RESPONDER, "a-long-password");
        WebSession web = loggedIn(name, "a-long-password");
        web.get("/profile");

        var bad = web.post(
                "/profile", Map.of("displayName", "Ada", "email", "", "timeZone", "Nowhere/City", "locale", "en"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("class=\"field-error\"", "Nowhere/City");

        var saved = web.post(
                "/profile",
                Map.of("displayName", "Ada L.", "email", "ada@example.test", "timeZone", "Asia/Tokyo", "locale", "fr"));
        assertThat(saved.status()).isEqualTo(302);
        var account = users.get(name);
        assertThat(account.displayName()).isEqualTo("Ada L.");
        assertThat(account.timeZone()).isEqualTo("Asia/Tokyo");
        assertThat(account.locale()).isEqualTo("fr");

        web.get("/profile");
        var created = web.post("/profile/tokens", Map.of("name", "from-the-page", "expiresAt", ""));
        assertThat(created.status()).isEqualTo(302);
        var shown = web.get("/profile");
        // French now, as chosen; the value is shown once.
        assertThat(shown.body())
                .contains("Votre profil", "from-the-page", "kts_")
                .doesNotContain("??");
        var token = tokens.list(name).stream()
                .filter(t -> t.name().equals("from-the-page"))
                .findFirst()
                .orElseThrow();
        assertThat(web.get("/profile").body()).doesNotContain("id=\"created-token\"");

        var revoked = web.post("/profile/tokens/" + token.id() + "/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(tokens.find(token.id()).orElseThrow().revokedAt()).isNotNull();
    }

    @Test
    void aOneTimePasswordLeadsToThePasswordPageUntilChanged() {
        String name = unique("onetime");
        tx.executeWithoutResult(s -> users.create(
                new UserManagement.NewUser(name, "One Time", null, Role.VIEWER, "one-time-password"), true));
        WebSession web = loggedIn(name, "one-time-password");

        var profile = web.get("/profile");
        assertThat(profile.status()).isEqualTo(302);
        assertThat(profile.location()).endsWith("/profile/password");

        var form = web.get("/profile/password");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body())
                .contains("name=\"currentPassword\"", "one-time password")
                .doesNotContain("??");

        var mismatch = web.post(
                "/profile/password",
                Map.of(
                        "currentPassword", "one-time-password",
                        "newPassword", "my-own-password",
                        "confirmPassword", "something-else"));
        assertThat(mismatch.status()).isEqualTo(200);
        assertThat(mismatch.body()).contains("The two new passwords differ.");

        var changed = web.post(
                "/profile/password",
                Map.of(
                        "currentPassword", "one-time-password",
                        "newPassword", "my-own-password",
                        "confirmPassword", "my-own-password"));
        assertThat(changed.status()).isEqualTo(302);
        assertThat(changed.location()).endsWith("/");
        assertThat(users.get(name).mustChangePassword()).isFalse();
        assertThat(web.get("/profile").status()).isEqualTo(200);

        WebSession fresh = new WebSession(baseUrl());
        assertThat(fresh.login(name, "my-own-password").location()).doesNotContain("error");
    }

    @Test
    void adminPagesAreForAdminsOnly() {
        String viewer = createUser(unique("nosy"), Role.CHAOS_ENGINEER, "a-long-password");
        WebSession web = loggedIn(viewer, "a-long-password");
        assertThat(web.get("/admin/users").status()).isEqualTo(403);
        assertThat(web.get("/admin/audit").status()).isEqualTo(403);

        String admin = createUser(unique("boss"), Role.ADMIN, "a-long-password");
        WebSession adminWeb = loggedIn(admin, "a-long-password");
        var usersPage = adminWeb.get("/admin/users");
        assertThat(usersPage.status()).isEqualTo(200);
        assertThat(usersPage.body()).contains(viewer, "Audit log").doesNotContain("??");

        String newcomer = unique("newcomer");
        var bad = adminWeb.post(
                "/admin/users",
                Map.of("username", newcomer, "displayName", "New", "role", "VIEWER", "password", "short"));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.body()).contains("class=\"field-error\"", "at least 10 characters");

        adminWeb.get("/admin/users");
        var created = adminWeb.post(
                "/admin/users",
                Map.of("username", newcomer, "displayName", "New", "role", "RESPONDER", "password", "a-long-password"));
        assertThat(created.status()).isEqualTo(302);
        assertThat(users.get(newcomer).role()).isEqualTo(Role.RESPONDER);

        adminWeb.get("/admin/users");
        assertThat(adminWeb.post("/admin/users/" + newcomer + "/role", Map.of("role", "VIEWER"))
                        .status())
                .isEqualTo(302);
        adminWeb.get("/admin/users");
        assertThat(adminWeb.post("/admin/users/" + newcomer + "/enabled", Map.of("enabled", "false"))
                        .status())
                .isEqualTo(302);
        assertThat(users.get(newcomer).role()).isEqualTo(Role.VIEWER);
        assertThat(users.get(newcomer).enabled()).isFalse();

        var audit = adminWeb.get("/admin/audit?targetId=" + newcomer + "&action=user.");
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body())
                .contains("user.created", "user.role-changed", "user.disabled", "<details")
                .doesNotContain("??");
        var badDate = adminWeb.get("/admin/audit?from=not-a-date");
        assertThat(badDate.status()).isEqualTo(200);
        assertThat(badDate.body()).contains("class=\"field-error\"");
    }
}
