package dev.kintsugi.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One named proxy: a listener, an upstream, its toxics and its live connections. State changes are
 * synchronized on the proxy (admin path only); the data path reads published, immutable toxic lists.
 */
public final class Proxy {
    private static final System.Logger LOG = System.getLogger("dev.kintsugi.proxy");

    private final String name;
    private final Runtime runtime;
    private final ProxyMetrics metrics = new ProxyMetrics();
    private final Map<String, ToxicSpec> toxics = new LinkedHashMap<>();
    private final Map<String, ScheduledFuture<?>> toxicLeases = new HashMap<>();
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private Addresses.HostPort listenAddress;
    private String listen;
    private String upstream;
    private volatile Addresses.HostPort upstreamTarget;
    private boolean enabled;
    private ServerSocketChannel server;
    private ScheduledFuture<?> disableLease;
    private Instant enableAt;

    /** What every proxy shares: the lease timer, the clock, the global fault counter. */
    record Runtime(
            ScheduledExecutorService scheduler,
            java.time.Clock clock,
            java.util.concurrent.atomic.LongAdder faultsExpired) {}

    Proxy(String name, String listen, String upstream, Runtime runtime) {
        this.name = name;
        this.runtime = runtime;
        this.listenAddress = Addresses.parse("listen", listen);
        this.listen = listen;
        this.upstream = upstream;
        this.upstreamTarget = Addresses.parse("upstream", upstream);
    }

    public String name() {
        return name;
    }

    public synchronized String listen() {
        return listen;
    }

    public synchronized String upstream() {
        return upstream;
    }

    public synchronized boolean enabled() {
        return enabled;
    }

    /** The port the listener is bound to (meaningful while enabled; kept while disabled). */
    public synchronized int port() {
        return listenAddress.port();
    }

    ProxyMetrics metrics() {
        return metrics;
    }

    ScheduledExecutorService scheduler() {
        return runtime.scheduler();
    }

    synchronized int toxicCount() {
        return toxics.size();
    }

    /** Binds the listener; on failure nothing is left open. */
    synchronized void start() {
        cancelDisableLease();
        if (enabled) {
            return;
        }
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(listenAddress.resolve(), 4096);
            InetSocketAddress bound = (InetSocketAddress) channel.getLocalAddress();
            // keep the port a "port 0" listener got, so a disable/enable cycle comes back on the same one
            listenAddress = new Addresses.HostPort(listenAddress.host(), bound.getPort());
            listen = Addresses.format(bound);
        } catch (BindException e) {
            closeQuietly(channel);
            throw new ApiException(409, "listen tcp " + listen + ": address already in use (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new ApiException(500, "listen tcp " + listen + ": " + e.getMessage());
        }
        server = channel;
        enabled = true;
        ServerSocketChannel accepting = channel;
        Threads.background("accept-" + name, () -> accept(accepting));
    }

    /** Closes the listener and every live connection. */
    synchronized void stop() {
        cancelDisableLease();
        if (!enabled) {
            return;
        }
        enabled = false;
        closeQuietly(server);
        server = null;
        for (Link link : new ArrayList<>(links)) {
            link.closeNow();
        }
    }

    private void accept(ServerSocketChannel channel) {
        while (channel.isOpen()) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (IOException e) {
                return; // closed by stop()
            }
            metrics.connectionsTotal.increment();
            Addresses.HostPort target = upstreamTarget;
            Threads.pump("up-" + name, () -> new Link(this, client).run(target));
        }
    }

    synchronized boolean register(Link link) {
        if (!enabled) {
            metrics.refused.increment();
            return false;
        }
        links.add(link);
        link.applyToxics(toxicsFor(Stream.UPSTREAM), toxicsFor(Stream.DOWNSTREAM));
        return true;
    }

    void unregister(Link link) {
        links.remove(link);
    }

    // ---- toxics ----

    synchronized List<ToxicSpec> toxics() {
        return List.copyOf(toxics.values());
    }

    synchronized ToxicSpec toxic(String toxicName) {
        ToxicSpec spec = toxics.get(toxicName);
        if (spec == null) {
            throw ApiException.notFound("toxic not found");
        }
        return spec;
    }

    synchronized ToxicSpec addToxic(JsonNode body) {
        ToxicSpec spec = ToxicSpec.parse(body, runtime.clock().instant());
        if (toxics.containsKey(spec.name())) {
            throw ApiException.conflict("toxic already exists");
        }
        toxics.put(spec.name(), spec);
        lease(spec);
        publish();
        return spec;
    }

    synchronized ToxicSpec updateToxic(String toxicName, JsonNode body) {
        ToxicSpec updated = toxic(toxicName).merge(body, runtime.clock().instant());
        toxics.put(toxicName, updated);
        lease(updated);
        publish();
        return updated;
    }

    synchronized void removeToxic(String toxicName) {
        if (toxics.remove(toxic(toxicName).name()) != null) {
            cancelToxicLease(toxicName);
            publish();
        }
    }

    synchronized void removeAllToxics() {
        toxics.keySet().forEach(this::cancelToxicLease);
        toxics.clear();
        publish();
    }

    private List<ToxicSpec> toxicsFor(Stream stream) {
        return toxics.values().stream().filter(t -> t.stream() == stream).toList();
    }

    private void publish() {
        List<ToxicSpec> up = toxicsFor(Stream.UPSTREAM);
        List<ToxicSpec> down = toxicsFor(Stream.DOWNSTREAM);
        for (Link link : links) {
            link.applyToxics(up, down);
        }
    }

    // ---- leases ----

    private void lease(ToxicSpec spec) {
        cancelToxicLease(spec.name());
        if (spec.expiresAt() == null) {
            return;
        }
        long delay =
                Math.max(0, spec.expiresAt().toEpochMilli() - runtime.clock().millis());
        toxicLeases.put(spec.name(), runtime.scheduler().schedule(() -> expire(spec), delay, TimeUnit.MILLISECONDS));
    }

    private synchronized void expire(ToxicSpec spec) {
        if (toxics.get(spec.name()) != spec) {
            return; // replaced or removed meanwhile
        }
        toxics.remove(spec.name());
        toxicLeases.remove(spec.name());
        publish();
        runtime.faultsExpired().increment();
        log(
                System.Logger.Level.INFO,
                "lease expired: removed toxic " + spec.name() + " ("
                        + spec.type().json() + ")");
    }

    private void cancelToxicLease(String toxicName) {
        ScheduledFuture<?> lease = toxicLeases.remove(toxicName);
        if (lease != null) {
            lease.cancel(false);
        }
    }

    private void cancelDisableLease() {
        if (disableLease != null) {
            disableLease.cancel(false);
            disableLease = null;
            enableAt = null;
        }
    }

    // ---- proxy update (Toxiproxy: POST/PATCH /proxies/{name}) ----

    synchronized void update(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("bad request body: expected a JSON object");
        }
        String newListen = text(body, "listen", listen);
        String newUpstream = text(body, "upstream", upstream);
        boolean newEnabled = body.has("enabled") ? bool(body.get("enabled")) : enabled;
        Long ttl = ToxicSpec.ttl(body.get("ttl_ms"));
        Addresses.HostPort newTarget = Addresses.parse("upstream", newUpstream);
        Addresses.HostPort newListenAddress = Addresses.parse("listen", newListen);
        if (ttl != null && newEnabled) {
            throw ApiException.badRequest("bad request body: ttl_ms on a proxy only applies with enabled=false");
        }
        upstream = newUpstream;
        upstreamTarget = newTarget;
        if (!newListen.equals(listen)) {
            stop();
            listenAddress = newListenAddress;
            listen = newListen;
        }
        if (newEnabled) {
            start();
        } else {
            stop();
            if (ttl != null) {
                enableAt = runtime.clock().instant().plusMillis(ttl);
                disableLease = runtime.scheduler().schedule(this::expireDisable, ttl, TimeUnit.MILLISECONDS);
            }
        }
    }

    private synchronized void expireDisable() {
        if (enabled || enableAt == null) {
            return;
        }
        disableLease = null;
        enableAt = null;
        try {
            start();
            runtime.faultsExpired().increment();
            log(System.Logger.Level.INFO, "lease expired: proxy enabled again");
        } catch (ApiException e) {
            log(System.Logger.Level.WARNING, "lease expired but the proxy could not listen again: " + e.getMessage());
        }
    }

    synchronized ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", name);
        node.put("listen", listen);
        node.put("upstream", upstream);
        node.put("enabled", enabled);
        if (enableAt != null) {
            node.put("enabled_at", enableAt.toString());
        }
        var array = node.putArray("toxics");
        toxics.values().forEach(t -> array.add(t.toJson()));
        return node;
    }

    void log(System.Logger.Level level, String message) {
        LOG.log(level, "proxy " + name + ": " + message);
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("bad request body: " + field + " must be a string");
        }
        return node.asText();
    }

    static boolean bool(JsonNode node) {
        if (!node.isBoolean()) {
            throw ApiException.badRequest("bad request body: enabled must be true or false");
        }
        return node.asBoolean();
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }
}
