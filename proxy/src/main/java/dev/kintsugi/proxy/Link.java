package dev.kintsugi.proxy;

import dev.kintsugi.proxy.toxics.ToxicContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One proxied connection: the client socket, the upstream socket and a {@link Pump} each way. A side that
 * reaches end of stream is passed on as a half-close; when both have, or on any error, both sockets close.
 */
final class Link implements ToxicContext {
    private static final int CONNECT_TIMEOUT_MS = 10_000;

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
        try {
            pump.sink().shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        if (finished.incrementAndGet() == 2) {
            close();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        up.close();
        down.close();
        closeQuietly(client);
        closeQuietly(upstream);
        proxy.unregister(this);
        proxy.metrics().connectionsActive.decrementAndGet();
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
        close();
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
