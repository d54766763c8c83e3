package dev.kintsugi.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like session for page tests: keeps cookies (JSESSIONID), follows no redirects, and sends the CSRF
 * token taken from the last page it fetched, as a form does.
 */
public class WebSession {
    private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final String baseUrl;
    private final HttpClient http;
    private String csrf;

    public WebSession(String baseUrl) {
        this.baseUrl = baseUrl;
        CookieManager cookies = new CookieManager();
        cookies.setCookiePolicy(CookiePolicy.ACCEPT_ALL);
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public record Page(int status, String body, String location) {}

    /** A new session, logged in through the real form; fails loudly if the login is refused. */
    public static WebSession loggedIn(String baseUrl, String username, String password) {
        WebSession s = new WebSession(baseUrl);
        Page r = s.login(username, password);
        if (r.status() != 302 || r.location() == null || r.location().contains("error")) {
            throw new IllegalStateException("login failed for " + username + ": " + r.status() + " " + r.location());
        }
        s.get("/");
        return s;
    }

    /** Logs in through the real form: fetch /login for its CSRF token, then POST it with the session cookie. */
    public Page login(String username, String password) {
        Page form = get("/login");
        if (form.status() != 200) {
            throw new IllegalStateException("login page answered " + form.status());
        }
        return post("/login", Map.of("username", username, "password", password));
    }

    public Page get(String path) {
        return get(path, Map.of());
    }

    /** A GET with extra request headers (as htmx adds them). */
    public Page get(String path, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        headers.forEach(request::header);
        Page page = send(request);
        rememberCsrf(page.body());
        return page;
    }

    /**
     * Opens a server-sent-events stream with this session's cookies; the caller reads (and closes) the body. Its
     * lines arrive as the server writes them.
     */
    public HttpResponse<java.util.stream.Stream<String>> stream(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .header("Accept", "text/event-stream")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A form POST as htmx sends it (HX-Request header), answered with a fragment. */
    public Page postHtmx(String path, Map<String, String> fields) {
        return post(path, fields, Map.of("HX-Request", "true"));
    }

    /** A form POST with no CSRF token, as a forged cross-site form would send. */
    public Page postWithoutCsrf(String path, Map<String, String> fields) {
        String saved = csrf;
        csrf = null;
        try {
            return post(path, fields);
        } finally {
            csrf = saved;
        }
    }

    /** A form POST carrying the CSRF token of the last page fetched. */
    public Page post(String path, Map<String, String> fields) {
        return post(path, fields, Map.of());
    }

    private Page post(String path, Map<String, String> fields, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.put("_csrf", csrf);
        }
        String body = all.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        Page page = send(request);
        rememberCsrf(page.body());
        return page;
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Page(
                    r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void rememberCsrf(String html) {
        if (html == null) {
            return;
        }
        Matcher m = HIDDEN_CSRF.matcher(html);
        if (m.find()) {
            csrf = m.group(1);
            return;
        }
        m = META_CSRF.matcher(html);
        if (m.find()) {
            csrf = m.group(1);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
