package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    record Answer(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : values.get(0);
        }

        List<String> all(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of());
        }
    }

    private Answer send(String method, String path, Map<String, String> headers, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", "localhost:" + port);
            all.putAll(headers);
            all.put("Connection", "close");
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                all.put("Content-Type", "application/x-www-form-urlencoded");
                all.put("Content-Length", Integer.toString(payload.length));
            }
            all.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        String raw = bytes.toString(StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        return new Answer(status, headers, raw.substring(end + 4));
    }

    private static String sessionCookie(Answer a) {
        return a.all("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + a.headers()));
    }

    @Test
    void behindATlsProxyTheSessionCookieIsSecureAndHstsIsSent() throws IOException {
        Answer viaProxy =
                send("GET", "/login", Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7"), null);
        assertThat(viaProxy.status()).isEqualTo(200);
        assertThat(sessionCookie(viaProxy)).contains("Secure", "HttpOnly", "SameSite=Lax");
        assertThat(viaProxy.header("Strict-Transport-Security")).contains("max-age=");

        Answer plain = send("GET", "/login", Map.of(), null);
        assertThat(sessionCookie(plain)).doesNotContain("Secure");
        assertThat(plain.header("Strict-Transport-Security")).isNull();
    }

    @Test
    void aForgedHostIsNeverReflectedIntoRedirects() throws IOException {
        for (Map<String, String> forged : List.of(
                Map.of("Host", "evil.example"),
                Map.of("Host", "evil.example:8443", "X-Forwarded-Proto", "https"),
                Map.of("X-Forwarded-Host", "evil.example"))) {
            Answer toLogin = send("GET", "/incidents", forged, null);
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
        Answer asked = send("GET", "/incidents?severity=SEV1", forged, null);
        String cookie = sessionCookie(asked).split(";")[0];
        Answer form = send("GET", "/login", with(forged, "Cookie", cookie), null);
        Matcher csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        Answer login = send(
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
