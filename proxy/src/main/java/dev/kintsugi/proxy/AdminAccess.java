package dev.kintsugi.proxy;

import com.sun.net.httpserver.HttpExchange;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps web pages away from the admin API, which has no authentication: a page must not be able to create a
 * proxy or inject a fault through the visitor's browser.
 *
 * <ul>
 *   <li>browser user agents ({@code User-Agent: Mozilla/...}) get 403 "User agent not allowed", as in Toxiproxy;
 *   <li>a {@code Host} header naming a host not allowed gets 403 (DNS rebinding: a page on {@code evil.example}
 *       whose name now resolves to 127.0.0.1);
 *   <li>an {@code Origin} header whose host is not allowed (or {@code null}) gets 403;
 *   <li>a body sent as {@code text/plain} or {@code multipart/form-data} (what a cross-site form or a
 *       no-preflight {@code fetch} can send) gets 415. JSON, no content type and
 *       {@code application/x-www-form-urlencoded} are accepted: the last is what {@code HttpURLConnection} (so the
 *       toxiproxy-java client) and {@code curl -d} send, and a browser form's percent-encoded body never parses as
 *       the JSON object the API needs.
 * </ul>
 *
 * Allowed hosts: {@code localhost}, {@code 127.0.0.1}, {@code ::1}, the API's listen address (every local address
 * when it listens on all of them), the machine's host name, plus the configured ones; {@code *} allows any host.
 */
final class AdminAccess {
    private final Set<String> hosts;
    private final boolean anyHost;

    private AdminAccess(Set<String> hosts, boolean anyHost) {
        this.hosts = Collections.unmodifiableSet(hosts);
        this.anyHost = anyHost;
    }

    static AdminAccess of(String listenHost, Collection<String> configured) {
        Set<String> hosts = new LinkedHashSet<>();
        boolean any = false;
        hosts.add("localhost");
        hosts.add("127.0.0.1");
        hosts.add("::1");
        for (String host : configured) {
            String trimmed = host.trim();
            if (trimmed.equals("*")) {
                any = true;
            } else if (!trimmed.isEmpty()) {
                hosts.add(normalize(trimmed));
            }
        }
        String listen = normalize(listenHost == null ? "" : listenHost);
        if (listen.isEmpty() || listen.equals("0.0.0.0") || listen.equals("::")) {
            hosts.addAll(localAddresses());
        } else {
            hosts.add(listen);
        }
        hosts.addAll(hostNames());
        return new AdminAccess(hosts, any);
    }

    Set<String> hosts() {
        return hosts;
    }

    /** Refuses the request (403) unless it comes from an allowed, non-browser client. */
    void check(HttpExchange exchange) {
        var headers = exchange.getRequestHeaders();
        String agent = headers.getFirst("User-Agent");
        if (agent != null && agent.startsWith("Mozilla/")) {
            throw new ApiException(403, "User agent not allowed");
        }
        String host = headers.getFirst("Host");
        if (host != null && !allowed(hostOf(host))) {
            throw new ApiException(
                    403,
                    "host not allowed: " + Names.clip(host) + " (allow it with --allowed-hosts or "
                            + Main.ALLOWED_HOSTS_ENV + ")");
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !allowed(originHost(origin))) {
            throw new ApiException(
                    403,
                    "origin not allowed: " + Names.clip(origin) + " (allow its host with --allowed-hosts or "
                            + Main.ALLOWED_HOSTS_ENV + ")");
        }
    }

    /** Refuses (415) a request body of a type a web page can send without asking first. */
    static void checkBodyType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null) {
            return;
        }
        String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (media.isEmpty()
                || media.equals("application/json")
                || (media.startsWith("application/") && media.endsWith("+json"))
                || media.equals("application/x-www-form-urlencoded")) {
            return;
        }
        throw new ApiException(415, "unsupported content type: " + Names.clip(media) + " (send application/json)");
    }

    private boolean allowed(String host) {
        return host != null && (anyHost || hosts.contains(host));
    }

    /** The host of a {@code Host} header ({@code name[:port]}, {@code [v6][:port]}), normalized; null if malformed. */
    static String hostOf(String header) {
        String value = header.trim();
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || (close + 1 < value.length() && value.charAt(close + 1) != ':')) {
                return null;
            }
            return normalize(value.substring(1, close));
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) {
            return null; // a bare IPv6 address is not a valid Host header
        }
        return normalize(colon < 0 ? value : value.substring(0, colon));
    }

    private static String originHost(String origin) {
        try {
            URI uri = new URI(origin.trim());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return null; // "null" (sandboxed pages, file:) or something else no allowed page sends
            }
            return normalize(uri.getHost());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Lower case, no brackets, no trailing dot; IPv6 literals in one spelling. */
    static String normalize(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.indexOf(':') >= 0 && h.matches("[0-9a-f:.]+(%[0-9a-z_.-]+)?")) {
            try {
                // an IPv6 literal: parsed, never looked up
                h = Addresses.compress(InetAddress.getByName(h).getHostAddress())
                        .toLowerCase(Locale.ROOT);
            } catch (UnknownHostException | SecurityException e) {
                return h;
            }
        }
        return h;
    }

    private static Set<String> localAddresses() {
        Set<String> result = new LinkedHashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    String text = address.getHostAddress();
                    int scope = text.indexOf('%');
                    result.add(normalize(scope < 0 ? text : text.substring(0, scope)));
                }
            }
        } catch (SocketException e) {
            // no interfaces to list: loopback and the configured hosts remain
        }
        return result;
    }

    private static Set<String> hostNames() {
        Set<String> result = new LinkedHashSet<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            result.add(normalize(local.getHostName()));
            result.add(normalize(local.getCanonicalHostName()));
        } catch (UnknownHostException e) {
            // "name: name: Name or service not known": the name is still the machine's
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(':');
            if (colon > 0) {
                result.add(normalize(message.substring(0, colon)));
            }
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            result.add(normalize(env));
        }
        return result;
    }
}
