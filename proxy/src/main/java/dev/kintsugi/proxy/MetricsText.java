package dev.kintsugi.proxy;

import java.util.List;
import java.util.function.ToLongFunction;

/** Renders the Prometheus text exposition format (version 0.0.4) for {@code GET /metrics}. */
final class MetricsText {
    private MetricsText() {}

    static String render(List<Proxy> proxies, long faultsExpired) {
        StringBuilder out = new StringBuilder(1024);
        family(
                out,
                "kintsugi_proxy_connections_total",
                "counter",
                "Client connections accepted.",
                proxies,
                p -> p.metrics().connectionsTotal.sum());
        family(
                out,
                "kintsugi_proxy_connections_active",
                "gauge",
                "Connections open now.",
                proxies,
                p -> p.metrics().connectionsActive.get());
        out.append("# HELP kintsugi_proxy_bytes_total Bytes forwarded, by direction.\n");
        out.append("# TYPE kintsugi_proxy_bytes_total counter\n");
        for (Proxy p : proxies) {
            line(
                    out,
                    "kintsugi_proxy_bytes_total",
                    p,
                    ",direction=\"upstream\"",
                    p.metrics().bytesUpstream.sum());
            line(
                    out,
                    "kintsugi_proxy_bytes_total",
                    p,
                    ",direction=\"downstream\"",
                    p.metrics().bytesDownstream.sum());
        }
        family(out, "kintsugi_proxy_toxics_active", "gauge", "Toxics configured now.", proxies, p -> p.toxicCount());
        family(
                out,
                "kintsugi_proxy_enabled",
                "gauge",
                "1 if the proxy listens, 0 if disabled.",
                proxies,
                p -> p.enabled() ? 1 : 0);
        family(
                out,
                "kintsugi_proxy_upstream_connect_failures_total",
                "counter",
                "Connections closed because the upstream could not be reached.",
                proxies,
                p -> p.metrics().upstreamConnectFailures.sum());
        out.append("# HELP kintsugi_proxy_faults_expired_total Faults (toxics, disables) removed by their lease.\n");
        out.append("# TYPE kintsugi_proxy_faults_expired_total counter\n");
        out.append("kintsugi_proxy_faults_expired_total ").append(faultsExpired).append('\n');
        out.append("# HELP kintsugi_proxy_proxies Proxies defined.\n");
        out.append("# TYPE kintsugi_proxy_proxies gauge\n");
        out.append("kintsugi_proxy_proxies ").append(proxies.size()).append('\n');
        return out.toString();
    }

    private static void family(
            StringBuilder out,
            String name,
            String type,
            String help,
            List<Proxy> proxies,
            ToLongFunction<Proxy> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (Proxy p : proxies) {
            line(out, name, p, "", value.applyAsLong(p));
        }
    }

    private static void line(StringBuilder out, String name, Proxy proxy, String extra, long value) {
        out.append(name)
                .append("{proxy=\"")
                .append(proxy.name().replace("\\", "\\\\").replace("\"", "\\\""))
                .append('"')
                .append(extra)
                .append("} ")
                .append(value)
                .append('\n');
    }
}
