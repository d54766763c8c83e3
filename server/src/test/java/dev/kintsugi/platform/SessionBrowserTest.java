package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.Browsers;
import dev.kintsugi.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Real browsers keep the rights of the account now, and "log out everywhere" reaches every one of them. */
class SessionBrowserTest extends IntegrationTest {
    private WebDriver first;
    private WebDriver second;

    @AfterEach
    void quit() {
        if (first != null) {
            first.quit();
        }
        if (second != null) {
            second.quit();
        }
    }

    private void login(WebDriver browser, String name) {
        browser.get(baseUrl() + "/login");
        browser.findElement(By.id("username")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys("password-" + name);
        browser.findElement(By.id("login-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlToBe(baseUrl() + "/"));
    }

    private static void waitFor(WebDriver browser, java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition::apply);
    }

    @Test
    void anAdminDemotedWhileTheirPageIsOpenCannotChangeARole() {
        String admin = unique("admin");
        createUser(admin, Role.ADMIN, "password-" + admin);
        String target = unique("target");
        createUser(target, Role.VIEWER, "password-" + target);
        first = Browsers.start();
        login(first, admin);
        first.get(baseUrl() + "/admin/users");
        // The page is open with its role forms; meanwhile another admin demotes and disables this one.
        var roleForm = first.findElement(By.cssSelector("form[action$='/admin/users/" + target + "/role']"));
        var admins = apiAs(Role.ADMIN);
        assertThat(admins.patch("/api/v1/users/" + admin, Map.of("role", "VIEWER"))
                        .status())
                .isEqualTo(200);
        new Select(roleForm.findElement(By.name("role"))).selectByValue("ADMIN");
        roleForm.findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(
                first,
                b -> b.getPageSource().contains("403") || b.getCurrentUrl().contains("/login"));
        assertThat(users.get(target).role()).isEqualTo(Role.VIEWER);

        assertThat(admins.patch("/api/v1/users/" + admin, Map.of("enabled", false))
                        .status())
                .isEqualTo(200);
        first.get(baseUrl() + "/admin/users");
        waitFor(first, b -> b.getCurrentUrl().endsWith("/login"));
        assertThat(users.get(target).role()).isEqualTo(Role.VIEWER);
    }

    @Test
    void logOutEverywhereFromOneBrowserEndsTheOther() {
        String name = unique("everywhere");
        createUser(name, Role.RESPONDER, "password-" + name);
        first = Browsers.start();
        second = Browsers.start();
        login(first, name);
        login(second, name);

        first.get(baseUrl() + "/profile");
        ((org.openqa.selenium.JavascriptExecutor) first).executeScript("window.confirm = () => true;");
        first.findElement(By.id("end-sessions")).click();
        waitFor(first, b -> b.getCurrentUrl().endsWith("/login?ended"));
        assertThat(first.findElement(By.id("login-ended")).getText()).contains("logged out");

        second.get(baseUrl() + "/profile");
        waitFor(second, b -> b.getCurrentUrl().endsWith("/login"));
        first.get(baseUrl() + "/profile");
        waitFor(first, b -> b.getCurrentUrl().endsWith("/login"));
    }
}
