package dev.kintsugi.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.LongAdder;

/**
 * The proxy as a library: {@code new KintsugiProxy("127.0.0.1", 8474).start()}; {@link #port()} tells the
 * admin port it bound (useful with port 0); {@link #close()} stops the API, every proxy and every connection.
 */
public final class KintsugiProxy implements AutoCloseable {
    private final String host;
    private final int requestedPort;
    private final ScheduledThreadPoolExecutor scheduler;
    private final LongAdder faultsExpired = new LongAdder();
    private final ProxyRegistry registry;
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
    }

    public synchronized KintsugiProxy start() {
        if (http != null) {
            return this;
        }
        try {
            HttpServer server =
                    HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), requestedPort), 128);
            server.createContext("/", new AdminApi(registry, faultsExpired::sum));
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
