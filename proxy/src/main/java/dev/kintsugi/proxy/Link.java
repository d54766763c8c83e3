package dev.kintsugi.proxy;

import dev.kintsugi.proxy.toxics.ToxicContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One proxied connection: the client socket, the upstream socket and a {@link Pump} each way. A side that
 * reaches end of stream is passed on as a half-close; when both have, or on any error, both sockets close.
 */
final class Link implements ToxicContext {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final long CLOSE_GRACE_MS = 2_000;

    private final Proxy proxy;
    private final SocketChannel client;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger finished = new AtomicInteger();
    private SocketChannel upstream;
    private Pump up;
    private Pump down;

    Link(Proxy proxy, SocketChannel client) {
        this.proxy = proxy;
        this.client = client;
    }

    /** Runs on the connection's own thread: connects upstream, then pumps client to upstream. */
    void run(Addresses.HostPort target) {
        ProxyMetrics metrics = proxy.metrics();
        try {
            InetSocketAddress address = target.resolve();
            upstream = SocketChannel.open();
            upstream.socket().connect(address, CONNECT_TIMEOUT_MS);
            upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException | RuntimeException e) {
            metrics.upstreamConnectFailures.increment();
            proxy.log(
                    System.Logger.Level.DEBUG,
                    "upstream " + target.host() + ":" + target.port() + " unreachable: " + e);
            closeQuietly(upstream);
            closeQuietly(client);
            return;
        }
        up = new Pump(this, Stream.UPSTREAM, client, upstream, metrics.bytesUpstream);
        down = new Pump(this, Stream.DOWNSTREAM, upstream, client, metrics.bytesDownstream);
        metrics.connectionsActive.incrementAndGet(); // before register: a concurrent close() decrements it
        if (!proxy.register(this)) {
            metrics.connectionsActive.decrementAndGet();
            closeQuietly(upstream);
            closeQuietly(client);
            return;
        }
        Threads.pump("down-" + proxy.name(), down::run);
        up.run();
    }

    /** Called under the proxy's lock with its current toxics, at registration and after every change. */
    void applyToxics(List<ToxicSpec> upstreamToxics, List<ToxicSpec> downstreamToxics) {
        up.update(upstreamToxics);
        down.update(downstreamToxics);
    }

    void sourceDone(Pump pump) {
        if (closing()) {
            return;
        }
        try {
            pump.sink().shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        if (finished.incrementAndGet() == 2) {
            closeNow(); // both sides ended: nothing left to drain
        }
    }

    /**
     * Closes gracefully: both sides get a FIN after what was already written; the pumps keep reading and
     * discarding what still arrives, so that closing never sends a RST that would destroy data the peer has
     * not read yet. The sockets close for good when a side reaches end of stream, or after a grace period.
     */
    @Override
    public void close() {
        if (stop()) {
            try {
                proxy.scheduler().schedule(this::closeSockets, CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                closeSockets(); // shutting down
            }
        }
    }

    /** Closes at once, without the grace period (the proxy is disabled or deleted). */
    void closeNow() {
        stop();
        closeSockets();
    }

    private boolean stop() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        up.close();
        down.close();
        shutdownOutputQuietly(client);
        shutdownOutputQuietly(upstream);
        proxy.unregister(this);
        proxy.metrics().connectionsActive.decrementAndGet();
        return true;
    }

    boolean closing() {
        return closed.get();
    }

    /** A pump's source ended or failed after {@link #close()}: nothing more to drain there. */
    void drained(SocketChannel source) {
        closeQuietly(source);
    }

    private void closeSockets() {
        closeQuietly(client);
        closeQuietly(upstream);
    }

    @Override
    public void reset() {
        for (SocketChannel channel : new SocketChannel[] {client, upstream}) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException ignored) {
                // already closed
            }
        }
        closeSockets(); // RST, before stop() would send a FIN
        stop();
    }

    @Override
    public void replyToClient(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            client.write(bytes);
        }
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return proxy.scheduler();
    }

    private static void shutdownOutputQuietly(SocketChannel channel) {
        try {
            channel.shutdownOutput();
        } catch (IOException ignored) {
            // already closed or reset
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
