package dev.kintsugi.proxy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.ObjectMapper;

/**
 * The proxy as a library: {@code new KintsugiProxy("127.0.0.1", 8474).start()}; {@link #port()} tells the
 * admin port it bound (useful with port 0); {@link #close()} stops the API, every proxy and every connection.
 */
public final class KintsugiProxy implements AutoCloseable {
    /** How often every lease is compared with the clock (besides the timer each lease gets for its end). */
    static final long LEASE_TICK_MS = 100;

    private final String host;
    private final int requestedPort;
    private final ScheduledThreadPoolExecutor scheduler;
    private final LongAdder faultsExpired = new LongAdder();
    private final ProxyRegistry registry;
    private final List<String> allowedHosts = new ArrayList<>();
    private HttpServer http;

    public KintsugiProxy(String host, int port) {
        this(host, port, Clock.systemUTC());
    }

    public KintsugiProxy(String host, int port, Clock clock) {
        this.host = host;
        this.requestedPort = port;
        this.scheduler = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("kintsugi-leases").factory());
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.registry = new ProxyRegistry(new Proxy.Runtime(scheduler, clock, faultsExpired));
        // every lease is also checked against the clock every tick: a lease ends when the clock says so
        this.scheduler.scheduleWithFixedDelay(this::sweepLeases, LEASE_TICK_MS, LEASE_TICK_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Hosts the admin API answers to besides the defaults (localhost, 127.0.0.1, ::1, its listen address, the
     * machine's host name), as they appear in {@code Host} and {@code Origin} headers; {@code "*"} allows any.
     * Call before {@link #start()}.
     */
    public synchronized KintsugiProxy allowHosts(Collection<String> hosts) {
        if (http != null) {
            throw new IllegalStateException("allowHosts must come before start()");
        }
        allowedHosts.addAll(hosts);
        return this;
    }

    private void sweepLeases() {
        try {
            registry.expireDue();
        } catch (RuntimeException e) {
            // never let one failure cancel the sweep
            System.getLogger("dev.kintsugi.proxy").log(System.Logger.Level.WARNING, "lease sweep failed", e);
        }
    }

    public synchronized KintsugiProxy start() {
        if (http != null) {
            return this;
        }
        try {
            HttpServer server =
                    HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), requestedPort), 128);
            server.createContext("/", new AdminApi(registry, faultsExpired::sum, AdminAccess.of(host, allowedHosts)));
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            http = server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Creates the proxies of a Toxiproxy populate file ({@code [{"name", "listen", "upstream", "enabled"}]}). */
    public KintsugiProxy populate(Path config) throws IOException {
        registry.populate(new ObjectMapper().readTree(Files.readAllBytes(config)));
        return this;
    }

    public synchronized int port() {
        if (http == null) {
            throw new IllegalStateException("not started");
        }
        return http.getAddress().getPort();
    }

    public ProxyRegistry proxies() {
        return registry;
    }

    /**
     * Ends now every lease whose end the clock has reached. The proxy does this by itself every
     * {@value #LEASE_TICK_MS} ms (and at each lease's end); with a clock that a test moves, this says "now".
     */
    public void expireLeases() {
        registry.expireDue();
    }

    public long faultsExpired() {
        return faultsExpired.sum();
    }

    /** Same as {@link #close()}. */
    public void stop() {
        close();
    }

    @Override
    public synchronized void close() {
        if (http != null) {
            http.stop(0);
            http = null;
        }
        registry.stopAll();
        scheduler.shutdownNow();
    }
}
