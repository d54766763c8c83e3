package dev.kintsugi.proxy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

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
    private Thread acceptor;
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

    /** Binds the listener; on failure nothing is left open and nothing changes. */
    synchronized void start() {
        cancelDisableLease();
        if (enabled) {
            return;
        }
        install(bind(listenAddress, listen));
    }

    /**
     * Opens a listener on {@code address}: 409 if the address is in use, 400 if it cannot be listened on at all
     * (unknown host, an address not on this machine, no permission).
     */
    private static ServerSocketChannel bind(Addresses.HostPort address, String listenText) {
        InetSocketAddress socketAddress;
        try {
            socketAddress = address.resolve();
        } catch (UnknownHostException | RuntimeException e) {
            throw ApiException.badRequest(
                    "listen: cannot listen on " + listenText + ": unknown host " + address.host());
        }
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(socketAddress, 4096);
            return channel;
        } catch (BindException e) {
            closeQuietly(channel);
            String reason = String.valueOf(e.getMessage());
            if (reason.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
                throw ApiException.conflict("listen tcp " + listenText + ": address already in use (" + reason + ")");
            }
            throw ApiException.badRequest("listen: cannot listen on " + listenText + ": " + reason);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw ApiException.badRequest("listen: cannot listen on " + listenText + ": " + e.getMessage());
        }
    }

    /** Makes {@code channel} this proxy's listener and starts accepting on it. */
    private void install(ServerSocketChannel channel) {
        InetSocketAddress bound;
        try {
            bound = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ApiException(500, "listen tcp " + listen + ": " + e.getMessage());
        }
        // keep the port a "port 0" listener got, so a disable/enable cycle comes back on the same one
        listenAddress = new Addresses.HostPort(listenAddress.host(), bound.getPort());
        listen = Addresses.format(bound);
        server = channel;
        enabled = true;
        acceptor = Threads.background("accept-" + name, () -> accept(channel));
    }

    /** Closes the listener and every live connection. */
    synchronized void stop() {
        cancelDisableLease();
        if (!enabled) {
            return;
        }
        enabled = false;
        closeListener();
        server = null;
        for (Link link : new ArrayList<>(links)) {
            link.closeNow();
        }
    }

    /**
     * Closes the listening socket and waits for its accept loop to leave: the operating system frees the port only
     * then, and a start or a move right after must be able to bind it again.
     */
    private void closeListener() {
        closeQuietly(server);
        Thread thread = acceptor;
        acceptor = null;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
    // A lease ends when the runtime's clock reaches its end. Each gets a timer for its end, and the proxy's lease
    // sweep checks them all against the clock every tick, so a clock that jumps (or a test's clock) is honoured too.

    private void lease(ToxicSpec spec) {
        cancelToxicLease(spec.name());
        if (spec.expiresAt() == null) {
            return;
        }
        long delay =
                Math.max(0, spec.expiresAt().toEpochMilli() - runtime.clock().millis());
        toxicLeases.put(spec.name(), runtime.scheduler().schedule(this::expireDue, delay, TimeUnit.MILLISECONDS));
    }

    /** Removes the toxics and ends the disable whose leases have ended by the runtime's clock. */
    synchronized void expireDue() {
        Instant now = runtime.clock().instant();
        for (ToxicSpec spec : List.copyOf(toxics.values())) {
            if (spec.expiresAt() != null && !now.isBefore(spec.expiresAt())) {
                expire(spec);
            }
        }
        if (!enabled && enableAt != null && !now.isBefore(enableAt)) {
            expireDisable();
        }
    }

    private void expire(ToxicSpec spec) {
        toxics.remove(spec.name());
        cancelToxicLease(spec.name());
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
        }
        enableAt = null;
    }

    // ---- proxy update (Toxiproxy: POST/PATCH /proxies/{name}) ----

    /**
     * Validates everything, then binds any new listener, and only then changes anything: a refused update (400,
     * 409) leaves the address, the enabled state, the listener and its connections as they were.
     */
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
        boolean moves = !newListen.equals(listen);
        if (moves && !newEnabled) {
            try {
                newListenAddress.resolve(); // an unknown host is refused now, not at the next enable
            } catch (UnknownHostException e) {
                throw ApiException.badRequest(
                        "listen: cannot listen on " + newListen + ": unknown host " + newListenAddress.host());
            }
        }
        ServerSocketChannel replacement = null;
        if (newEnabled && (moves || !enabled)) {
            replacement = moves ? rebind(newListenAddress, newListen) : bind(listenAddress, listen);
        }
        // nothing below can fail
        upstream = newUpstream;
        upstreamTarget = newTarget;
        if (moves) {
            stop();
            listenAddress = newListenAddress;
            listen = newListen;
        }
        if (replacement != null) {
            cancelDisableLease();
            if (enabled) {
                stop();
            }
            install(replacement);
        } else if (newEnabled) {
            cancelDisableLease();
        } else {
            stop();
            if (ttl != null) {
                enableAt = runtime.clock().instant().plusMillis(ttl);
                disableLease = runtime.scheduler().schedule(this::expireDue, ttl, TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * A listener on the new address while the old one still listens. When both are on the same port (say
     * {@code 127.0.0.1:5000} to {@code 0.0.0.0:5000}) the old one is closed first, and reopened if the new one still
     * cannot bind, so a refused move leaves the old listener in place.
     */
    private ServerSocketChannel rebind(Addresses.HostPort address, String listenText) {
        try {
            return bind(address, listenText);
        } catch (ApiException inUse) {
            if (inUse.status() != 409 || !enabled || address.port() != listenAddress.port()) {
                throw inUse;
            }
            closeListener();
            try {
                return bind(address, listenText);
            } catch (ApiException still) {
                try {
                    server = bind(listenAddress, listen);
                    ServerSocketChannel reopened = server;
                    acceptor = Threads.background("accept-" + name, () -> accept(reopened));
                } catch (ApiException lost) {
                    log(System.Logger.Level.WARNING, "could not listen again on " + listen + ": " + lost.getMessage());
                    stop();
                }
                throw still;
            }
        }
    }

    private void expireDisable() {
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
