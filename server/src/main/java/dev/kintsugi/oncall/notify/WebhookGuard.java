package dev.kintsugi.oncall.notify;

import dev.kintsugi.oncall.OnCallProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Keeps outgoing webhooks away from internal addresses: a webhook URL whose host is, or resolves to, a loopback,
 * link-local (cloud metadata), private, unique-local, carrier-grade NAT, multicast or unspecified address is refused
 * unless its host is listed in {@code kintsugi.oncall.allowed-webhook-hosts}. Checked when a contact method is saved
 * and again before every delivery (a name may resolve elsewhere later); redirects are never followed. A name that
 * re-resolves between this check and the connection (DNS rebinding) is a residual risk: list internal receivers
 * explicitly and keep a network egress policy in production.
 */
@Component
public class WebhookGuard {
    private final Set<String> allowed;

    WebhookGuard(OnCallProperties properties) {
        this.allowed = properties.allowedWebhookHosts().stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Why {@code url} may not be called, or {@code null} when it may. A name that does not resolve now is let
     * through when {@code unresolvedOk} (saving: the check is repeated at delivery), refused otherwise.
     */
    public String refusal(String url, boolean unresolvedOk) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return "not a URL";
        }
        if (host == null) {
            return "not a URL";
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (allowed.contains(bare.toLowerCase(Locale.ROOT))) {
            return null;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return unresolvedOk ? null : "the webhook host does not resolve";
        }
        for (InetAddress a : addresses) {
            if (internal(a)) {
                return "an internal address (allow it in kintsugi.oncall.allowed-webhook-hosts)";
            }
        }
        return null;
    }

    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved, broadcast
        }
        if (b.length == 16) {
            if ((b[0] & 0xfe) == 0xfc) { // unique-local fc00::/7
                return true;
            }
            boolean mapped = true; // ::ffff:a.b.c.d and the deprecated ::a.b.c.d carry an IPv4 address
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                try {
                    return internal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return false;
    }
}
