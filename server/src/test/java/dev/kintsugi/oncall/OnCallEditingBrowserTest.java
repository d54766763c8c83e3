package dev.kintsugi.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.Browsers;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * In Chromium, on-call edited in the browser: a schedule with two layers built in the form, its preview updating as
 * the form changes, then "on call now" on its page; an escalation policy edited, and a stale form refused with its
 * input kept; a contact method added and a test e-mail received by the SMTP server.
 */
class OnCallEditingBrowserTest extends NotifyingTest {
    @Autowired
    Clock clock;

    private ChromeDriver browser;
    private org.openqa.selenium.support.ui.FluentWait<org.openqa.selenium.WebDriver> wait;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void open(Crew crew) {
        // a profile zone already set: the first page does not reload itself to adopt the browser's zone
        tx.executeWithoutResult(s -> users.updateProfile(
                crew.lead(), new dev.kintsugi.platform.UserManagement.ProfileChange(null, null, "UTC", null)));
        browser = Browsers.start();
        Browsers.logIn(browser, baseUrl(), crew.lead(), "password-long-enough");
        wait = new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);
    }

    /** Sets an input's value as typing would, with the events htmx listens to. */
    private void set(WebElement input, String value) {
        ((JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].value = arguments[1];"
                                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                                + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                        input,
                        value);
    }

    private WebElement field(String name) {
        return browser.findElement(By.name(name));
    }

    @Test
    void aScheduleWithTwoLayersIsBuiltInTheBrowserWithItsPreview() {
        Crew crew = crew(1);
        String ann = crew.lead();
        String bob = crew.people().get(1);
        open(crew);
        String name = unique("sched");
        // the first layer started a day ago (weekly turns: ann now); the second, higher, covers today only, all day
        String start = clock.instant()
                .minus(Duration.ofDays(1))
                .atZone(ZoneOffset.UTC)
                .toLocalDateTime()
                .truncatedTo(ChronoUnit.DAYS)
                .toString();
        String today = clock.instant().atZone(ZoneOffset.UTC).getDayOfWeek().name();

        browser.get(baseUrl() + "/oncall");
        browser.findElement(By.id("new-schedule")).click();
        wait.until(d -> d.findElement(By.id("schedule-form")));
        field("displayName").sendKeys("Schedule " + name);
        field("name").sendKeys(name);
        new Select(field("team")).selectByValue(crew.team());
        set(field("timeZone"), "UTC");
        new Select(browser.findElements(By.name("layers[0].participants")).getFirst()).selectByValue(ann);
        set(field("layers[0].start"), start);
        set(field("layers[0].length"), "1");
        new Select(field("layers[0].unit")).selectByValue("WEEKS");
        wait.until(d -> d.findElement(By.id("preview-now")).getText().contains(ann));

        set(field("layers[1].name"), "Today");
        set(field("layers[1].layer"), "1");
        new Select(browser.findElements(By.name("layers[1].participants")).getFirst()).selectByValue(bob);
        set(field("layers[1].start"), start);
        new Select(field("layers[1].unit")).selectByValue("DAYS");
        browser.findElement(By.cssSelector("#layer-1 input[name='layers[1].restrictDays'][value='" + today + "']"))
                .click();
        set(field("layers[1].restrictFrom"), "00:00");
        set(field("layers[1].restrictTo"), "00:00");
        wait.until(d -> d.findElement(By.id("preview-now")).getText().contains(bob));
        // the preview is swapped in again on every change: read it where the wait retries a stale read
        wait.until(d -> {
            String preview = d.findElement(By.id("calendar")).getText();
            return preview.contains(ann) && preview.contains(bob);
        });

        browser.findElement(By.id("save-schedule")).click();
        wait.until(d -> !d.findElements(By.id("saved")).isEmpty());
        assertThat(browser.findElement(By.id("on-call-now")).getText()).contains(bob);
        JsonNode saved = crew.api().get("/api/v1/oncall/schedules/" + name).json();
        assertThat(saved.get("rotations")).hasSize(2);
        assertThat(saved.get("rotations").get(1).get("restrictDays").get(0).asString())
                .isEqualTo(today);

        // an override from the calendar, refused first (its end before its start), then added
        assertThat(browser.findElements(By.id("add-override"))).isNotEmpty();
        new Select(browser.findElement(By.id("override-user"))).selectByValue(ann);
        set(browser.findElement(By.id("override-from")), "2099-01-01T09:00");
        set(browser.findElement(By.id("override-to")), "2099-01-01T08:00");
        browser.findElement(By.id("save-override")).click();
        wait.until(d -> d.findElement(By.id("add-override")).getText().contains("after"));
        assertThat(crew.api()
                        .get("/api/v1/oncall/schedules/" + name + "/overrides")
                        .json())
                .isEmpty();
        set(browser.findElement(By.id("override-to")), "2099-01-01T18:00");
        browser.findElement(By.id("save-override")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#overrides li")).isEmpty());
        assertThat(crew.api()
                        .get("/api/v1/oncall/schedules/" + name + "/overrides")
                        .json())
                .hasSize(1);
    }

    @Test
    void anEscalationPolicyIsEditedAndAStaleFormKeepsItsInput() {
        Crew crew = crew(1);
        String ann = crew.lead();
        String bob = crew.people().get(1);
        String name = unique("policy");
        String title = "Payments " + name;
        var created = crew.api().post("/api/v1/oncall/escalation-policies", policy(name, title, crew.team(), ann));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        open(crew);

        browser.get(baseUrl() + "/oncall");
        browser.findElement(By.linkText(title)).click();
        wait.until(d -> d.findElement(By.id("policy-form")));
        set(field("levels[0].timeout"), "10");
        new Select(field("levels[1].type")).selectByValue("USER");
        set(field("levels[1].target"), bob);
        set(field("levels[1].timeout"), "5");
        set(field("repeat"), "2");
        field("useCalendar").click();
        set(field("calendarZone"), "Europe/Paris");
        browser.findElement(By.cssSelector("input[name='afterHoursSeverities'][value='SEV1']"))
                .click();
        browser.findElement(By.id("save-policy")).click();
        wait.until(d -> !d.findElements(By.id("saved")).isEmpty());
        JsonNode p =
                crew.api().get("/api/v1/oncall/escalation-policies/" + name).json();
        assertThat(p.get("levels")).hasSize(2);
        assertThat(p.get("levels").get(0).get("timeoutMinutes").asInt()).isEqualTo(10);
        assertThat(p.get("levels").get(1).get("target").asString()).isEqualTo(bob);
        assertThat(p.get("repeat").asInt()).isEqualTo(2);
        assertThat(p.get("routing").get("calendar").get("zone").asString()).isEqualTo("Europe/Paris");
        assertThat(p.get("routing").get("afterHoursSeverities").get(0).asString())
                .isEqualTo("SEV1");

        // someone else changes it meanwhile: saving the open form is refused, the input stays
        var other = crew.api()
                .withHeader("If-Match", "\"" + p.get("version").asLong() + "\"")
                .put("/api/v1/oncall/escalation-policies/" + name, policy(name, "Payments (theirs)", crew.team(), ann));
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
        field("displayName").clear();
        field("displayName").sendKeys("Payments (mine)");
        browser.findElement(By.id("save-policy")).click();
        wait.until(d -> !d.findElements(By.id("error-version")).isEmpty());
        assertThat(browser.findElement(By.id("error-version")).getText()).contains("someone else");
        assertThat(field("displayName").getAttribute("value")).isEqualTo("Payments (mine)");
        assertThat(crew.api()
                        .get("/api/v1/oncall/escalation-policies/" + name)
                        .json()
                        .get("displayName")
                        .asString())
                .isEqualTo("Payments (theirs)");
    }

    @Test
    void aContactMethodIsAddedAndATestEmailArrives() throws Exception {
        Crew crew = crew(0);
        String address = unique("ann") + "@example.test";
        open(crew);
        browser.get(baseUrl() + "/oncall");
        browser.findElement(By.id("contact-methods-link")).click();
        wait.until(d -> d.findElement(By.id("add-contact")));
        // refused first, the reason next to the field
        new Select(field("channel")).selectByValue("EMAIL");
        field("target").sendKeys("not-an-address");
        browser.findElement(By.id("save-contact")).click();
        wait.until(d -> !d.findElements(By.id("error-target")).isEmpty());
        field("target").clear();
        field("target").sendKeys(address);
        browser.findElement(By.id("save-contact")).click();
        wait.until(d ->
                !d.findElements(By.cssSelector("#contact-methods .send-test")).isEmpty());
        assertThat(browser.findElement(By.id("contact-methods")).getText()).doesNotContain(address);

        browser.findElement(By.cssSelector("#contact-methods .send-test")).click();
        wait.until(d -> !d.findElements(By.id("test-result")).isEmpty());
        assertThat(browser.findElement(By.id("test-result")).getText()).contains("delivered");
        eventually(20, "the test e-mail arrives", () -> !mailTo(address).isEmpty());
        MimeMessage mail = mailTo(address).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Kintsugi test notification");
        assertThat(browser.findElement(By.id("test-log")).getText()).contains("sent");
    }

    @Autowired
    ContactRules contactRules;

    @Test
    void contactRulesAreEditedInTheBrowserRefusedWhenStaleAndSaved() {
        Crew crew = crew(0);
        String ann = crew.lead();
        var teams = crew.api()
                .post(
                        "/api/v1/oncall/me/contact-methods",
                        Map.of(
                                "channel",
                                "TEAMS",
                                "target",
                                "http://127.0.0.1:" + HOOKS.port() + "/teams-editor",
                                "delayMinutes",
                                0));
        assertThat(teams.status()).as(teams.toString()).isEqualTo(201);
        long teamsId = teams.json().get("id").asLong();
        open(crew);
        browser.get(baseUrl() + "/oncall/me/contact-methods");
        wait.until(d -> d.findElement(By.id("contact-rules")));
        // the default rules are shown as steps: the Teams method at once
        assertThat(new Select(field("method_0")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(Long.toString(teamsId));
        // step 1: my account's e-mail at once; step 2: Teams after 5 minutes, for SEV1 and SEV2 only
        new Select(field("method_0")).selectByValue("account");
        new Select(field("method_1")).selectByValue(Long.toString(teamsId));
        set(field("delay_1"), "5");
        browser.findElement(By.id("sev_1_SEV1")).click();
        browser.findElement(By.id("sev_1_SEV2")).click();
        // meanwhile the rules change elsewhere: the form is refused, its input kept
        tx.executeWithoutResult(s -> dev.kintsugi.platform.Actor.runAs(
                ann,
                dev.kintsugi.platform.Role.RESPONDER,
                () -> contactRules.save(List.of(new ContactRules.Step(null, 1, List.of(), null)), null)));
        browser.findElement(By.id("save-rules")).click();
        wait.until(d -> !d.findElements(By.id("rules-error")).isEmpty());
        assertThat(field("delay_1").getAttribute("value")).isEqualTo("5");
        assertThat(browser.findElement(By.id("sev_1_SEV2")).isSelected()).isTrue();
        // reloaded, done again: saved
        browser.get(baseUrl() + "/oncall/me/contact-methods");
        wait.until(d -> d.findElement(By.id("contact-rules")));
        new Select(field("method_0")).selectByValue("account");
        set(field("delay_0"), "0");
        new Select(field("method_1")).selectByValue(Long.toString(teamsId));
        set(field("delay_1"), "5");
        browser.findElement(By.id("sev_1_SEV1")).click();
        browser.findElement(By.id("sev_1_SEV2")).click();
        browser.findElement(By.id("save-rules")).click();
        wait.until(d -> !d.findElements(By.id("flash")).isEmpty());
        var saved = tx.execute(s -> contactRules.of(ann));
        assertThat(saved.custom()).isTrue();
        assertThat(saved.steps())
                .containsExactly(
                        new ContactRules.Step(null, 0, List.of(), null),
                        new ContactRules.Step(teamsId, 5, List.of("SEV1", "SEV2"), null));
        assertThat(browser.findElement(By.id("sev_1_SEV1")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("sev_1_SEV3")).isSelected()).isFalse();
    }

    /** An escalation policy paging {@code person} after 30 minutes, as the API takes it. */
    private static Map<String, Object> policy(String name, String displayName, String team, String person) {
        return Map.of(
                "name",
                name,
                "displayName",
                displayName,
                "team",
                team,
                "levels",
                List.of(Map.of("type", "USER", "target", person, "timeoutMinutes", 30)),
                "repeat",
                0);
    }
}
