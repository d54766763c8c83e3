package dev.kintsugi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * Every page fits a phone: at 360 px (and at 1280 px, so nothing regresses) no page scrolls sideways and no
 * element sticks out of the viewport, with realistic data in it (long names, URLs, timelines). A screenshot of
 * each page at each width lands in {@code target/screenshots/} to be looked at, not only measured.
 */
class EveryPageFitsBrowserTest extends IntegrationTest {
    private static final Path SHOTS = Path.of("target", "screenshots");

    /** How a failure message names an element: tag, id, name, classes and the start of its text. */
    private static final String NAME = """
            const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.name ? '[name=' + el.name + ']' : '')
                + (typeof el.className === 'string' && el.className.trim()
                    ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                + ' "' + (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
            """;

    /**
     * The elements whose box lies (partly) outside the layout viewport, outermost first, skipping those an
     * ancestor clips or scrolls (a table scrolling inside its own container is fine; the page scrolling is not).
     */
    private static final String OFFENDERS = NAME + """
            const vw = document.documentElement.clientWidth;
            const seen = new Set(), out = [];
            const clipped = el => {
              // An absolutely placed element escapes the overflow of ancestors below its containing block.
              const position = getComputedStyle(el).position;
              if (position === 'fixed') return false;
              let escapes = position === 'absolute';
              for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                const s = getComputedStyle(p);
                if (escapes && s.position !== 'static') escapes = false;
                if (!escapes && s.overflowX !== 'visible') return true;
              }
              return false;
            };
            for (const el of document.body.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              if (r.width === 0 && r.height === 0) continue;
              const s = getComputedStyle(el);
              if (s.visibility === 'hidden' || s.display === 'none') continue;
              if ((r.right > vw + 0.5 || r.left < -0.5) && !clipped(el)) {
                seen.add(el);
                if (!seen.has(el.parentElement)) {
                  out.push(name(el) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right) + ' px');
                }
              }
            }
            return out.slice(0, 12);
            """;

    /** Single-line inputs whose placeholder is wider than the room inside them (it would be cut off). */
    private static final String CUT_PLACEHOLDERS = NAME + """
            const out = [], ctx = document.createElement('canvas').getContext('2d');
            for (const el of document.querySelectorAll('input[placeholder]')) {
              if (!el.placeholder || el.getBoundingClientRect().width === 0) continue;
              const box = getComputedStyle(el), ph = getComputedStyle(el, '::placeholder');
              ctx.font = ph.font || box.font;
              const needs = ctx.measureText(el.placeholder).width;
              const room = el.clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight);
              if (needs > room + 1) {
                out.push(name(el) + ' placeholder "' + el.placeholder + '" needs ' + Math.ceil(needs)
                    + ' px, has ' + Math.floor(room));
              }
            }
            return out;
            """;

    private static final String SETTLED = """
            if (document.readyState !== 'complete' || document.querySelector('.htmx-request')) return false;
            for (const el of document.querySelectorAll('[hx-trigger="load"]')) {
              const t = el.textContent.trim();
              if (t === '' || t === '…') return false;
            }
            return true;
            """;

    private ChromeDriver browser;
    private String username;
    private String password;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * A page to visit: a file-name slug, the path, whether it is seen logged out, with the menu open, and in French
     * (the viewer's profile language, so that cards loaded by htmx are French too).
     */
    private record Visit(String slug, String path, boolean anonymous, boolean menuOpen, boolean french) {
        Visit(String slug, String path) {
            this(slug, path, false, false, false);
        }

        Visit(String slug, String path, boolean anonymous, boolean menuOpen) {
            this(slug, path, anonymous, menuOpen, false);
        }

        static Visit french(String slug, String path) {
            return new Visit(slug + "-fr", path, false, false, true);
        }
    }

    private ApiClient api;
    private boolean inFrench;

    @TestFactory
    Stream<DynamicTest> everyPageFitsAPhoneAndADesktop() throws IOException {
        Files.createDirectories(SHOTS);
        List<Visit> pages = pagesWithData();
        browser = Browsers.start();
        login();
        List<DynamicTest> tests = new ArrayList<>();
        for (int width : new int[] {360, 1280}) {
            for (Visit v : pages) {
                tests.add(dynamicTest(v.slug() + " at " + width + " px", () -> fits(v, width)));
            }
        }
        return tests.stream();
    }

    /** Makes, through the REST API, everything the pages show, and answers the pages to visit. */
    private List<Visit> pagesWithData() {
        username = unique("admin");
        password = "password-" + username;
        createUser(username, Role.ADMIN, password);
        api = apiAs(username);
        ok(
                api.patch(
                        "/api/v1/me",
                        Map.of(
                                "displayName",
                                "Adaeze Okonkwo-Brightwater",
                                "timeZone",
                                "Europe/Paris",
                                "locale",
                                "en")),
                200);

        String team = unique("payments-platform-reliability");
        ok(
                api.post(
                        "/api/v1/teams",
                        Map.of(
                                "name",
                                team,
                                "displayName",
                                "Payments platform reliability",
                                "contactChannel",
                                "#payments-platform-reliability-oncall",
                                "description",
                                "We keep **card payments** up. Runbooks: https://wiki.example.test/display/PAYMENTS/"
                                        + "Payments+platform+reliability+runbooks+and+escalation+paths",
                                "members",
                                List.of(username))),
                201);
        String service = unique("checkout-api-eu-west-1-primary");
        Map<String, Object> svc = new LinkedHashMap<>();
        svc.put("name", service);
        svc.put("displayName", "Checkout API (EU West primary cluster)");
        svc.put("description", "Takes **money**. Health: https://status.example.test/services/" + service + "/health");
        svc.put("tier", "TIER_1");
        svc.put("ownerTeam", team);
        svc.put("runbookUrl", "https://runbooks.example.test/payments/checkout-api/what-to-do-when-card-payments-fail");
        svc.put("dashboardUrl", "https://grafana.example.test/d/checkout-api-overview?orgId=1&refresh=30s");
        svc.put("repositoryUrl", "https://git.example.test/payments/checkout-api");
        ok(api.post("/api/v1/services", svc), 201);

        // An open incident with a timeline, and a resolved one whose draft post-mortem the pages show.
        String open = declare(api, "Card payments fail with 502 from the payment service provider", service);
        ok(
                api.post(
                        "/api/v1/incidents/" + open + "/timeline",
                        Map.of(
                                "body",
                                "Gateway logs: `io.netty.channel.ConnectTimeoutException: connection timed out:"
                                        + " psp-eu-west-1.payments.example.test/10.20.30.40:443` on every retry",
                                "perspective",
                                "payments on-call")),
                201);
        ok(
                api.post(
                        "/api/v1/incidents/" + open + "/timeline",
                        Map.of(
                                "kind",
                                "STATUS_UPDATE",
                                "body",
                                "Some card payments fail; we are failing over to the second provider.",
                                "visibility",
                                "PUBLIC")),
                201);
        ok(api.put("/api/v1/incidents/" + open + "/roles/commander", Map.of("username", username)), 200);
        String resolved = declare(api, "Checkout latency above 2 s after the connection pool change", service);
        ok(api.post("/api/v1/incidents/" + resolved + "/transitions", Map.of("to", "RESOLVED")), 200);
        long draft = dev.kintsugi.support.Drafts.of(api, resolved);
        save(api, draft, service, "First account of the slow checkout.");
        save(api, draft, service, "The connection pool was sized for last year's traffic; the burst exhausted it.");
        countermeasure(api, draft);

        // A published post-mortem for the library.
        var started = ok(
                api.post(
                        "/api/v1/postmortems",
                        Map.of("origin", "NEAR_MISS", "title", "Certificate nearly expired", "severity", "SEV3")),
                201);
        long published = started.get("id").asLong();
        save(api, published, service, "Renewal reminders went to a list nobody reads; support noticed in time.");
        countermeasure(api, published);
        ok(api.post("/api/v1/postmortems/" + published + "/transitions", Map.of("to", "IN_REVIEW")), 200);
        // publication waits for a colleague's approval
        ok(
                apiAs(Role.RESPONDER)
                        .post(
                                "/api/v1/postmortems/" + published + "/reviews",
                                Map.of("decision", "APPROVED", "comment", "Clear and kind")),
                200);
        ok(api.post("/api/v1/postmortems/" + published + "/transitions", Map.of("to", "PUBLISHED")), 200);
        long alert = alert(api, service);

        // A post-mortem in review, with a colleague's comment: the stage the screenshots show.
        String reviewedIncident = declare(api, "Search results empty after the index rebuild", service);
        ok(api.post("/api/v1/incidents/" + reviewedIncident + "/transitions", Map.of("to", "RESOLVED")), 200);
        long inReview = dev.kintsugi.support.Drafts.of(api, reviewedIncident);
        save(api, inReview, service, "The rebuild swapped the alias before the new index was warm.");
        countermeasure(api, inReview);
        ok(api.post("/api/v1/postmortems/" + inReview + "/transitions", Map.of("to", "IN_REVIEW")), 200);
        String schedule = unique("payments-platform-primary-weekly");
        ok(
                api.post(
                        "/api/v1/oncall/schedules",
                        Map.of(
                                "name",
                                schedule,
                                "displayName",
                                "Payments platform primary, weekly with business-hours layer",
                                "team",
                                team,
                                "timeZone",
                                "Europe/Paris",
                                "rotations",
                                List.of(Map.of(
                                        "key",
                                        "weekly",
                                        "layer",
                                        0,
                                        "participants",
                                        List.of(username),
                                        "start",
                                        "2026-01-05T09:00:00",
                                        "unit",
                                        "WEEKS",
                                        "length",
                                        1)))),
                201);

        String policy = unique("payments-platform-default-escalation");
        ok(
                api.post(
                        "/api/v1/oncall/escalation-policies",
                        Map.of(
                                "name",
                                policy,
                                "displayName",
                                "Payments platform default escalation, primary then the whole team",
                                "team",
                                team,
                                "levels",
                                List.of(
                                        Map.of("type", "SCHEDULE", "target", schedule, "timeoutMinutes", 15),
                                        Map.of("type", "TEAM", "target", team, "timeoutMinutes", 30)),
                                "repeat",
                                1)),
                201);

        long gameday = ok(
                        api.post(
                                "/api/v1/gamedays",
                                Map.of(
                                        "title", "Payday rehearsal: the payments provider answers in four seconds",
                                        "story", "It is the **last Friday** of the month and everyone pays at once.",
                                        "mode", "BLIND",
                                        "startsAt", "2026-03-10T09:00:00Z",
                                        "services", List.of(service),
                                        "hypotheses", "Checkout degrades gracefully and tells customers to retry",
                                        "objectives", "Detect within five minutes, mitigate within fifteen")),
                        201)
                .path("id")
                .asLong();
        long gamedayTeam = ok(
                        api.post("/api/v1/gamedays/" + gameday + "/teams", Map.of("name", "Incident responders red")),
                        201)
                .path("id")
                .asLong();
        ok(
                api.post(
                        "/api/v1/gamedays/" + gameday + "/injects",
                        Map.of(
                                "title", "Customers complain on social media",
                                "kind", "TABLETOP",
                                "body", "Three customers say their payment spins forever")),
                201);
        ok(api.post("/api/v1/gamedays/" + gameday + "/start", null), 200);
        ok(
                api.post(
                        "/api/v1/gamedays/" + gameday + "/hints",
                        Map.of("teamId", gamedayTeam, "body", "Look at the latency between checkout and payments")),
                201);

        return List.of(
                new Visit("dashboard", "/"),
                new Visit("menu", "/", false, true),
                new Visit("incidents", "/incidents"),
                new Visit("incident", "/incidents/" + open),
                new Visit("incident-resolved", "/incidents/" + resolved),
                new Visit("declare", "/incidents/new"),
                new Visit("services", "/catalog/services"),
                new Visit("service", "/catalog/services/" + service),
                new Visit("service-form", "/catalog/services/" + service + "/edit"),
                new Visit("service-new", "/catalog/services/new"),
                new Visit("teams", "/catalog/teams"),
                new Visit("team", "/catalog/teams/" + team),
                new Visit("team-form", "/catalog/teams/" + team + "/edit"),
                new Visit("postmortem-new", "/postmortems/new"),
                new Visit("postmortem-edit", "/postmortems/" + draft + "/edit"),
                new Visit("postmortem", "/postmortems/" + draft),
                new Visit("postmortem-published", "/postmortems/" + published),
                new Visit("library", "/postmortems"),
                new Visit("library-drafts", "/postmortems?status=DRAFT"),
                new Visit("diff", "/postmortems/" + draft + "/diff?from=1&to=3"),
                new Visit("revision", "/postmortems/" + draft + "/revisions/2"),
                new Visit("countermeasures", "/countermeasures"),
                new Visit("profile", "/profile"),
                new Visit("password", "/profile/password"),
                new Visit("admin-users", "/admin/users"),
                new Visit("admin-audit", "/admin/audit"),
                new Visit("postmortem-review", "/postmortems/" + inReview),
                new Visit("oncall", "/oncall"),
                new Visit("oncall-schedule", "/oncall/schedules/" + schedule),
                new Visit("oncall-fairness", "/oncall/fairness"),
                new Visit("not-found", "/no-such-page"),
                Visit.french("dashboard", "/"),
                Visit.french("incident", "/incidents/" + open),
                Visit.french("postmortem-review", "/postmortems/" + inReview),
                Visit.french("library", "/postmortems"),
                new Visit("login", "/login", true, false),
                new Visit("alerts", "/alerts"),
                new Visit("alert", "/alerts/" + alert),
                new Visit("alert-integrations", "/alerts/integrations"),
                new Visit("alert-catalog", "/alerts/catalog"),
                new Visit("alert-definition-new", "/alerts/catalog/new?group=" + alert),
                new Visit("alerts-undocumented", "/alerts/undocumented"),
                new Visit("alert-silences", "/alerts/silences"),
                new Visit("chaos-hub", "/chaos/hub"),
                new Visit("chaos-hub-template", "/chaos/hub/dependency-latency?service=" + service),
                new Visit("chaos-hub-new", "/chaos/hub/new"),
                new Visit("oncall-schedule-new", "/oncall/new/schedule"),
                new Visit("oncall-schedule-edit", "/oncall/schedules/" + schedule + "/edit"),
                new Visit("oncall-policy-new", "/oncall/new/policy"),
                new Visit("oncall-policy-edit", "/oncall/policies/" + policy + "/edit"),
                new Visit("oncall-contact-methods", "/oncall/me/contact-methods"),
                new Visit("search", "/search?type=incident"),
                new Visit("search-help", "/search/help"),
                new Visit("admin-search", "/admin/search"),
                Visit.french("search", "/search?type=incident"),
                new Visit("insights", "/insights"),
                Visit.french("insights", "/insights"),
                new Visit("chaos-monkey", "/chaos/monkey?service=" + service),
                Visit.french("chaos-monkey", "/chaos/monkey?service=" + service),
                new Visit("admin-status", "/admin/status"),
                new Visit("admin-status-sharing", "/admin/status/sharing"),
                new Visit("status", "/status", true, false),
                Visit.french("status", "/status?lang=fr"),
                new Visit("gamedays", "/gamedays"),
                new Visit("gameday", "/gamedays/" + gameday),
                new Visit("gameday-scoreboard", "/gamedays/" + gameday + "/scoreboard"),
                new Visit("gameday-debrief", "/gamedays/" + gameday + "/debrief"),
                Visit.french("gameday", "/gamedays/" + gameday));
    }

    /** An alert group of the service, from the Alertmanager fixture (processed asynchronously: polled). */
    private long alert(ApiClient api, String service) {
        JsonNode integration = ok(
                api.post(
                        "/api/v1/alerting/integrations",
                        Map.of(
                                "name",
                                "Prometheus of the EU West primary cluster",
                                "sourceType",
                                "ALERTMANAGER",
                                "service",
                                service,
                                "routing",
                                "NOTIFY_ONLY")),
                201);
        try (var in = getClass().getResourceAsStream("/fixtures/alertmanager-firing-4-alerts-vmalert.json")) {
            String body = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            ok(
                    anonymousApi()
                            .post(
                                    "/webhooks/alertmanager/"
                                            + integration.get("key").asString(),
                                    body),
                    202);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode groups = ok(
                    api.get("/api/v1/alerting/groups?integration="
                            + integration.get("id").asLong()),
                    200);
            if (groups.size() == 1) {
                return groups.get(0).get("id").asLong();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the alert was not processed");
    }

    private static JsonNode ok(ApiClient.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.body().isEmpty() ? null : r.json();
    }

    private static String declare(ApiClient api, String title, String service) {
        return ok(
                        api.post(
                                "/api/v1/incidents",
                                Map.of(
                                        "title",
                                        title,
                                        "severity",
                                        "SEV2",
                                        "services",
                                        List.of(service),
                                        "description",
                                        "Customers see **502** at payment. Trace: https://tracing.example.test/trace/"
                                                + "4bf92f3577b34da6a3ce929d0e0e4736?span=00f067aa0ba902b7")),
                        201)
                .get("key")
                .asString();
    }

    private void save(ApiClient api, long id, String service, String summary) {
        int revision =
                api.get("/api/v1/postmortems/" + id).json().get("revision").asInt();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("title", "Checkout latency above 2 s after the connection pool change");
        c.put("severity", "SEV2");
        c.put("facilitator", username);
        c.put("owner", username);
        c.put("summary", summary);
        c.put("customerImpact", "About 4 % of card payments took longer than 2 s for 35 minutes.");
        c.put("wentWell", "The failover runbook worked as written.");
        c.put("wasHard", "The pool metrics were on a dashboard nobody had bookmarked.");
        c.put("gotLucky", "It happened on a quiet Tuesday morning.");
        c.put("detection", "An alert on the p99 latency of `checkout-api` paged the on-call.");
        c.put("participants", List.of(username));
        c.put("tags", List.of("connection-pool", "latency"));
        c.put("services", List.of(service));
        c.put(
                "factors",
                List.of(Map.of(
                        "category",
                        "TECHNICAL",
                        "description",
                        "`spring.datasource.hikari.maximum-pool-size` stayed at 10 while traffic doubled")));
        c.put(
                "decisions",
                List.of(Map.of(
                        "decision",
                        "Fail over to the second provider",
                        "whyItMadeSense",
                        "Its dashboards were green")));
        c.put(
                "links",
                List.of(Map.of(
                        "kind",
                        "TICKET",
                        "title",
                        "PAY-1234",
                        "url",
                        "https://tracker.example.test/browse/PAY-1234?focusedCommentId=99887766")));
        ok(api.put("/api/v1/postmortems/" + id, Map.of("basedOnRevision", revision, "content", c)), 200);
    }

    private void countermeasure(ApiClient api, long postmortem) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("title", "Alert when the connection pool is more than 80 % busy for 5 minutes");
        b.put("kind", "TELEMETRY_OR_ALERT");
        b.put("ownerUser", username);
        b.put("dueDate", LocalDate.of(2099, 1, 31).toString());
        b.put("priority", "P2");
        b.put("ticketKey", "PAY-1235");
        b.put("ticketUrl", "https://tracker.example.test/browse/PAY-1235");
        ok(api.post("/api/v1/postmortems/" + postmortem + "/countermeasures", b), 201);
    }

    private void login() {
        browser.get(baseUrl() + "/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(baseUrl() + "/"));
    }

    private void fits(Visit visit, int width) throws IOException {
        if (width < 1000) {
            // A phone: its viewport, its overlay scrollbars, the page's viewport meta honoured.
            browser.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", true));
        } else {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        if (visit.french() != inFrench) {
            ok(api.patch("/api/v1/me", Map.of("locale", visit.french() ? "fr" : "en")), 200);
            inFrench = visit.french();
        }
        if (visit.anonymous()) {
            browser.manage().deleteAllCookies();
        }
        try {
            browser.get(baseUrl() + visit.path());
            awaitSettled();
            if (visit.menuOpen()
                    && browser.findElement(By.cssSelector(".nav-burger")).isDisplayed()) {
                browser.findElement(By.cssSelector(".nav-burger")).click();
                assertThat(browser.findElement(By.cssSelector(".mainnav")).isDisplayed())
                        .as("the menu opens")
                        .isTrue();
            }
            screenshot(visit.slug() + "-" + width);
            long viewport = (Long) browser.executeScript("return document.documentElement.clientWidth");
            long inner = (Long) browser.executeScript("return window.innerWidth");
            long scrollWidth = (Long) browser.executeScript("return document.documentElement.scrollWidth");
            @SuppressWarnings("unchecked")
            List<String> offenders = (List<String>) browser.executeScript(OFFENDERS);
            assertThat(offenders)
                    .as("elements beyond the %d px viewport of %s", viewport, visit.path())
                    .isEmpty();
            @SuppressWarnings("unchecked")
            List<String> cut = (List<String>) browser.executeScript(CUT_PLACEHOLDERS);
            assertThat(cut).as("placeholders cut off on %s", visit.path()).isEmpty();
            // A file input is dressed like the form's other controls, not left to the browser's default.
            for (var file : browser.findElements(By.cssSelector("input[type=file]"))) {
                Object button = browser.executeScript(
                        "const s = getComputedStyle(arguments[0], '::file-selector-button');"
                                + " return s.borderTopLeftRadius + ' ' + s.fontWeight;",
                        file);
                assertThat(button).as("the file button on %s", visit.path()).isEqualTo("6px 600");
            }
            assertThat(scrollWidth)
                    .as("%s scrolls sideways at %d px", visit.path(), width)
                    .isLessThanOrEqualTo(Math.min(inner, viewport));
            if (width < 1000) {
                assertThat(viewport).as("the phone's layout viewport").isEqualTo(width);
            }
        } finally {
            if (visit.anonymous()) {
                login();
            }
        }
    }

    /** htmx fragments loaded and the page still for two polls in a row. */
    private void awaitSettled() {
        int[] stable = {0};
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .pollingEvery(Duration.ofMillis(150))
                .until(b -> {
                    boolean settled = Boolean.TRUE.equals(browser.executeScript(SETTLED));
                    stable[0] = settled ? stable[0] + 1 : 0;
                    return stable[0] >= 2;
                });
    }

    /** The whole page, not only the viewport. */
    private void screenshot(String name) throws IOException {
        long height = (Long) browser.executeScript("return document.documentElement.scrollHeight");
        long width = (Long) browser.executeScript("return document.documentElement.clientWidth");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", width, "height", Math.min(height, 6000), "scale", 1);
        Map<String, Object> shot = browser.executeCdpCommand(
                "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.write(SHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }
}
