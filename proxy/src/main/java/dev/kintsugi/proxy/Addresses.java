package dev.kintsugi.proxy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses and prints {@code host:port} the way Toxiproxy (Go) does: {@code [::]:8080}, {@code :8080}. */
final class Addresses {
    private Addresses() {}

    record HostPort(String host, int port) {
        InetSocketAddress resolve() throws UnknownHostException {
            InetAddress address = host.isEmpty() ? InetAddress.getByName("::") : InetAddress.getByName(host);
            return new InetSocketAddress(address, port);
        }
    }

    static HostPort parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("missing required field: " + field);
        }
        if (text.length() > 300
                || Names.hasControlCharacters(text, false)
                || text.chars().anyMatch(Character::isWhitespace)) {
            throw ApiException.badRequest(field + ": invalid address " + Names.clip(text));
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw ApiException.badRequest(field + ": missing port in address " + text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field + ": invalid port in address " + text);
        }
        if (port < 0 || port > 65535) {
            throw ApiException.badRequest(field + ": invalid port in address " + text);
        }
        return new HostPort(host, port);
    }

    static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip instanceof Inet6Address) {
            return "[" + compress(ip.getHostAddress()) + "]:" + address.getPort();
        }
        return ip.getHostAddress() + ":" + address.getPort();
    }

    /** Shortens the longest run of zero groups to {@code ::}, as Go prints IPv6 addresses. */
    static String compress(String full) {
        int percent = full.indexOf('%');
        String scope = percent < 0 ? "" : full.substring(percent);
        String[] groups = (percent < 0 ? full : full.substring(0, percent)).split(":");
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < groups.length; ) {
            if (!groups[i].matches("0+")) {
                i++;
                continue;
            }
            int j = i;
            while (j < groups.length && groups[j].matches("0+")) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            return String.join(":", groups) + scope;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
        return head + "::" + tail + scope;
    }
}
