package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.IntegrationTest;
import dev.kintsugi.support.RawHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Behind a TLS-terminating reverse proxy, and facing forged Host headers: raw HTTP/1.1 over a socket, because an
 * HTTP client library refuses to send a Host header of its own choosing. The test talks from 127.0.0.1, which
 * is a trusted proxy address by default (server.tomcat.remoteip.internal-proxies).
 */
class ReverseProxyTest extends IntegrationTest {

    private RawHttp.Answer send(String method, String path, Map<String, String> headers, String body)
            throws IOException {
        return RawHttp.send(port, method, path, headers, body);
    }

    private static String sessionCookie(RawHttp.Answer a) {
        return a.all("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + a.headers()));
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecureAndHstsIsSent() throws IOException {
        RawHttp.Answer viaProxy =
                send("GET", "/login", Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7"), null);
        assertThat(viaProxy.status()).isEqualTo(200);
        assertThat(sessionCookie(viaProxy)).contains("Secure", "HttpOnly", "SameSite=Lax");
        assertThat(viaProxy.header("Strict-Transport-Security")).contains("max-age=");

        RawHttp.Answer plain = send("GET", "/login", Map.of(), null);
        assertThat(sessionCookie(plain)).doesNotContain("Secure");
        assertThat(plain.header("Strict-Transport-Security")).isNull();
    }

    @Test
    void aForgedHostIsNeverReflectedIntoRedirects() throws IOException {
        for (Map<String, String> forged : List.of(
                Map.of("Host", "evil.example"),
                Map.of("Host", "evil.example:8443", "X-Forwarded-Proto", "https"),
                Map.of("X-Forwarded-Host", "evil.example"))) {
            RawHttp.Answer toLogin = send("GET", "/incidents", forged, null);
            assertThat(toLogin.status()).as(forged.toString()).isEqualTo(302);
            assertThat(toLogin.header("Location")).as(forged.toString()).isEqualTo("/login");
        }
    }

    @Test
    void theRedirectAfterLoginNamesNoHostEither() throws IOException {
        String name = unique("proxied");
        createUser(name, Role.VIEWER, "password-" + name);
        Map<String, String> forged = Map.of("Host", "evil.example", "X-Forwarded-Proto", "https");
        // Ask for a page first, so the login goes back to a saved request (built from the request's URL).
        RawHttp.Answer asked = send("GET", "/incidents?severity=SEV1", forged, null);
        String cookie = sessionCookie(asked).split(";")[0];
        RawHttp.Answer form = send("GET", "/login", with(forged, "Cookie", cookie), null);
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        RawHttp.Answer login = send(
                "POST",
                "/login",
                with(forged, "Cookie", cookie),
                "username=" + name + "&password=" + enc("password-" + name) + "&_csrf=" + enc(csrf.group(1)));
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.header("Location")).startsWith("/incidents").doesNotContain("evil");
        assertThat(sessionCookie(login)).contains("Secure");
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return all;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
