package dev.kintsugi.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack in a real browser: a page on another origin makes headless Chromium send "simple" cross-site
 * requests (no preflight) to the admin API. The proxy answers them (the page sees its fetches settle) and creates
 * nothing. Skipped without Chromium unless {@code KINTSUGI_REQUIRE_BROWSER=true}.
 */
class BrowserAttackTest extends ProxyTestSupport {
    private static final String CHROMIUM = "/usr/bin/chromium";

    @Test
    void aWebPageCannotCreateAProxy(@TempDir Path profile) throws Exception {
        boolean present = new File(CHROMIUM).canExecute();
        if (!present && !"true".equals(System.getenv("KINTSUGI_REQUIRE_BROWSER"))) {
            Assumptions.abort("Chromium is not installed: apt-get install chromium");
        }
        String api = "http://127.0.0.1:" + kintsugi.port();
        String create = "{\"name\":\"evil\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"}";
        String page = """
                <!doctype html><html><body><p id="out">pending</p><script>
                const api = %s, body = %s;
                const attempts = [
                  fetch(api + "/proxies", {method: "POST", mode: "no-cors", body: body,
                                           headers: {"Content-Type": "text/plain"}}),
                  fetch(api + "/proxies", {method: "POST", mode: "no-cors", body: body,
                                           headers: {"Content-Type": "application/x-www-form-urlencoded"}}),
                  fetch(api + "/populate", {method: "POST", mode: "no-cors", body: "[" + body + "]"}),
                ];
                Promise.allSettled(attempts).then(r => {
                  document.getElementById("out").textContent =
                    "answered:" + r.filter(x => x.status === "fulfilled").length;
                });
                </script></body></html>
                """.formatted(quote(api), quote(create));
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        site.createContext("/", exchange -> {
            byte[] html = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
        site.start();
        try {
            Process chromium = new ProcessBuilder(
                            CHROMIUM,
                            "--headless=new",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--user-data-dir=" + profile,
                            "--virtual-time-budget=20000",
                            "--dump-dom",
                            "http://localhost:" + site.getAddress().getPort() + "/attack.html")
                    .redirectError(profile.resolve("chromium.log").toFile())
                    .start();
            String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(chromium.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(dom)
                    .as("the browser sent all three and the proxy answered them")
                    .contains("answered:3");
            assertThat(kintsugi.proxies().all()).as("and created nothing").isEmpty();
        } finally {
            site.stop(0);
        }
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
