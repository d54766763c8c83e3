package dev.kintsugi.experiment;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a host allows one run to do. The CLI runs with {@link #permissive()}; a server builds its own, e.g.
 * {@code RunPolicy.permissive().withProviderTypes(Set.of("http", "kintsugi", "python")).withEnvironment(false)
 * .withAllowedHosts(Set.of("*.shop.internal", "toxiproxy:8474"))}.
 *
 * <p>A refusal names the activity and the rule; validation refuses the whole experiment before anything runs, and
 * the runner checks each activity again just before it runs.
 *
 * @param providerTypes the provider {@code type}s activities may use; {@code null} allows every type the provider
 *     registry knows
 * @param readEnvironment whether {@code configuration}/{@code secrets} entries of type {@code env} may be resolved
 *     (from the map the host gives in {@link RunOptions#env()}, never from the process environment by themselves);
 *     when off such an entry takes its {@code default} or is refused
 * @param allowedHosts the hosts that {@code http} activities, proxy/Toxiproxy APIs, actuators, Prometheus and
 *     Kubernetes API URLs may name: {@code host} (any port), {@code host:port}, or {@code *.domain} (any subdomain);
 *     {@code null} allows every host
 */
public record RunPolicy(Set<String> providerTypes, boolean readEnvironment, Set<String> allowedHosts) {

    public RunPolicy {
        providerTypes = providerTypes == null ? null : Set.copyOf(providerTypes);
        allowedHosts = allowedHosts == null ? null : lower(allowedHosts);
    }

    /** Everything allowed: the CLI's policy (the user runs their own file on their own machine). */
    public static RunPolicy permissive() {
        return new RunPolicy(null, true, null);
    }

    public RunPolicy withProviderTypes(Set<String> types) {
        return new RunPolicy(types, readEnvironment, allowedHosts);
    }

    public RunPolicy withEnvironment(boolean readable) {
        return new RunPolicy(providerTypes, readable, allowedHosts);
    }

    public RunPolicy withAllowedHosts(Set<String> hosts) {
        return new RunPolicy(providerTypes, readEnvironment, hosts);
    }

    /** The refusal for an activity using {@code type}, or {@code null} when it is allowed. */
    public String refusesType(String label, String type) {
        if (providerTypes == null || providerTypes.contains(type)) {
            return null;
        }
        return label + ": provider type '" + type + "' is not allowed by this run's policy (allowed: "
                + new TreeSet<>(providerTypes) + ")";
    }

    /**
     * The refusal for an activity reaching {@code address} (a URL, or {@code host[:port]}), or {@code null} when it
     * is allowed.
     */
    public String refusesHost(String label, String address) {
        if (allowedHosts == null) {
            return null;
        }
        String host;
        int port;
        try {
            if (address.contains("://")) {
                URI uri = URI.create(address.strip());
                host = uri.getHost();
                port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            } else {
                int colon = address.lastIndexOf(':');
                host = colon < 0 ? address : address.substring(0, colon);
                port = colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1));
            }
        } catch (IllegalArgumentException e) {
            return label + ": '" + address + "' is not a valid address, and this run's policy limits hosts";
        }
        if (host == null || host.isBlank()) {
            return label + ": '" + address + "' names no host, and this run's policy limits hosts";
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        for (String allowed : allowedHosts) {
            if (matches(allowed, host, port)) {
                return null;
            }
        }
        return label + ": host '" + host + (port >= 0 ? ":" + port : "") + "' is not in this run's allowed hosts "
                + new TreeSet<>(allowedHosts);
    }

    private static boolean matches(String allowed, String host, int port) {
        String allowedHost = allowed;
        Integer allowedPort = null;
        int colon = allowed.lastIndexOf(':');
        if (colon > 0 && !allowed.endsWith("]") && allowed.indexOf(':') == colon) {
            allowedHost = allowed.substring(0, colon);
            try {
                allowedPort = Integer.parseInt(allowed.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (allowedPort != null && allowedPort != port) {
            return false;
        }
        if (allowedHost.startsWith("*.")) {
            return host.endsWith(allowedHost.substring(1));
        }
        return allowedHost.equals(host);
    }

    private static Set<String> lower(Set<String> hosts) {
        return Set.copyOf(
                hosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList());
    }

    /**
     * Every refusal for one activity's (substituted) provider block: its type, the other types whose power it uses
     * ({@code kintsugi.start_process} needs {@code process}), the addresses it reaches.
     */
    public List<String> refusals(String label, String type, List<String> alsoRequires, List<String> addresses) {
        List<String> out = new java.util.ArrayList<>();
        String t = refusesType(label, type);
        if (t != null) {
            out.add(t);
        }
        for (String required : alsoRequires) {
            if (t == null && providerTypes != null && !providerTypes.contains(required)) {
                out.add(label + ": it uses the power of provider type '" + required + "', which is not allowed by"
                        + " this run's policy (allowed: " + new TreeSet<>(providerTypes) + ")");
            }
        }
        for (String a : addresses) {
            String h = refusesHost(label, a);
            if (h != null) {
                out.add(h);
            }
        }
        return out;
    }
}
