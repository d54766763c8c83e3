package dev.kintsugi.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drives the proxy only through the official Toxiproxy Java client and checks each toxic on real sockets. */
class ToxiproxyCompatibilityTest extends ProxyTestSupport {

    private Proxy proxy() throws IOException {
        return client.createProxy("echo", "127.0.0.1:0", echo.address());
    }

    @Test
    void forwardsBytesBothWaysWithoutToxics() throws IOException {
        Proxy proxy = proxy();
        assertThat(proxy.getListen()).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:0");
        try (Socket socket = connect(proxy.getListen())) {
            byte[] big = new byte[3 * 1024 * 1024];
            new java.util.Random(7).nextBytes(big);
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    socket.getOutputStream().write(big);
                } catch (IOException ignored) {
                    // the read below fails then
                }
            });
            assertThat(readFully(socket.getInputStream(), big.length)).isEqualTo(big);
            writer.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void latencyAddsAtLeastTheConfiguredDelay() throws IOException {
        Proxy proxy = proxy();
        try (Socket socket = connect(proxy.getListen())) {
            roundTrip(socket, 16);
            proxy.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 100);
            long[] with = new long[5];
            for (int i = 0; i < with.length; i++) with[i] = roundTrip(socket, 16);
            // never early, on a live connection; how close to 100 ms it lands is a benchmark (docs/benchmarks.md)
            assertThat(java.util.Arrays.stream(with).min().orElseThrow() / 1e6).isGreaterThanOrEqualTo(100.0);
        }
        Latency latency = proxy.toxics().get("lag", Latency.class);
        assertThat(latency.getLatency()).isEqualTo(100);
        latency.setLatency(20);
        assertThat(proxy.toxics().get("lag", Latency.class).getLatency()).isEqualTo(20);
    }

    @Test
    void addingAndRemovingAToxicAffectsLiveConnections() throws IOException {
        Proxy proxy = proxy();
        try (Socket socket = connect(proxy.getListen())) {
            roundTrip(socket, 8);
            proxy.toxics().latency("lag", ToxicDirection.UPSTREAM, 60_000);
            socket.setSoTimeout(300);
            assertThatThrownBy(() -> roundTrip(socket, 8))
                    .as("held by a minute of latency")
                    .isInstanceOf(java.net.SocketTimeoutException.class);
            proxy.toxics().get("lag").remove();
        }
        try (Socket socket = connect(proxy.getListen())) {
            proxy.toxics().latency("lag", ToxicDirection.UPSTREAM, 60_000);
            proxy.toxics().get("lag").remove();
            roundTrip(socket, 8); // back within the 10 s socket timeout: the minute of latency is gone
        }
        assertThat(proxy.toxics().getAll()).isEmpty();
    }

    @Test
    void bandwidthNeverExceedsTheRate() throws Exception {
        Proxy proxy = proxy();
        proxy.toxics().bandwidth("narrow", ToxicDirection.DOWNSTREAM, 1000); // KB/s: 1 MB/s
        int size = 1_000_000;
        try (Socket socket = connect(proxy.getListen())) {
            long start = System.nanoTime();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    socket.getOutputStream().write(new byte[size]);
                } catch (IOException ignored) {
                    // the read below fails then
                }
            });
            readFully(socket.getInputStream(), size);
            double seconds = (System.nanoTime() - start) / 1e9;
            writer.join();
            // an upper bound on the rate is a lower bound on the time: a slow machine cannot break it. How close to
            // the rate it gets is a benchmark (docs/benchmarks.md).
            assertThat(size / seconds / 1000).as("KB/s").isLessThanOrEqualTo(1100.0);
        }
    }

    @Test
    void timeoutStopsDataAndClosesAfterTheTimeout() throws IOException {
        Proxy proxy = proxy();
        proxy.toxics().timeout("stall", ToxicDirection.DOWNSTREAM, 500);
        try (Socket socket = connect(proxy.getListen())) {
            long start = System.nanoTime();
            socket.getOutputStream().write("ping".getBytes());
            int read = socket.getInputStream().read();
            double ms = (System.nanoTime() - start) / 1e6;
            assertThat(read).as("no data, then end of stream").isEqualTo(-1);
            assertThat(ms).as("not before the timeout").isGreaterThanOrEqualTo(500.0);
        }
    }

    @Test
    void timeoutZeroHoldsTheConnectionOpen() throws IOException {
        Proxy proxy = proxy();
        proxy.toxics().timeout("hold", ToxicDirection.DOWNSTREAM, 0);
        try (Socket socket = connect(proxy.getListen())) {
            socket.setSoTimeout(600);
            socket.getOutputStream().write("ping".getBytes());
            assertThatThrownBy(() -> socket.getInputStream().read())
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void resetPeerResetsTheConnection() throws IOException {
        Proxy proxy = proxy();
        proxy.toxics().resetPeer("rst", ToxicDirection.DOWNSTREAM, 0);
        try (Socket socket = connect(proxy.getListen())) {
            socket.getOutputStream().write("ping".getBytes());
            assertThatThrownBy(() -> socket.getInputStream().read())
                    .isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    void limitDataClosesAfterExactlyNBytes() throws IOException {
        Proxy proxy = proxy();
        proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 1234);
        try (Socket socket = connect(proxy.getListen())) {
            socket.getOutputStream().write(new byte[10_000]);
            byte[] received = socket.getInputStream().readAllBytes();
            assertThat(received).hasSize(1234);
        }
    }

    @Test
    void slicerDeliversInSlices() throws IOException {
        Proxy proxy = proxy();
        proxy.toxics().slicer("slices", ToxicDirection.DOWNSTREAM, 100, 2000); // 100 bytes, 2 ms apart
        try (Socket socket = connect(proxy.getListen())) {
            socket.getOutputStream().write(new byte[4000]);
            InputStream in = socket.getInputStream();
            List<Integer> reads = new ArrayList<>();
            byte[] buffer = new byte[64 * 1024];
            int total = 0;
            long start = System.nanoTime();
            while (total < 4000) {
                int n = in.read(buffer);
                assertThat(n).isPositive();
                reads.add(n);
                total += n;
            }
            double ms = (System.nanoTime() - start) / 1e6;
            List<Integer> sorted = reads.stream().sorted().toList();
            assertThat(reads.size()).as("reads: %s", reads).isGreaterThanOrEqualTo(10);
            assertThat(sorted.get(sorted.size() / 2)).as("median slice").isLessThanOrEqualTo(100);
            assertThat(ms).as("slices are paced").isGreaterThan(30.0);
        }
    }

    @Test
    void slowCloseDelaysTheClose() throws IOException {
        Proxy proxy = proxy();
        proxy.toxics().slowClose("linger", ToxicDirection.DOWNSTREAM, 300);
        try (Socket socket = connect(proxy.getListen())) {
            long start = System.nanoTime();
            socket.shutdownOutput();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - start) / 1e6)
                    .as("not before the delay")
                    .isGreaterThanOrEqualTo(300.0);
        }
    }

    @Test
    void toxicityZeroNeverFires() throws IOException {
        Proxy proxy = proxy();
        proxy.toxics().latency("never", ToxicDirection.DOWNSTREAM, 600_000).setToxicity(0f);
        assertThat(proxy.toxics().get("never").getToxicity()).isZero();
        for (int i = 0; i < 20; i++) {
            try (Socket socket = connect(proxy.getListen())) {
                roundTrip(socket, 8); // within the 10 s socket timeout: the 10 minutes of latency never fired
            }
        }
    }

    @Test
    void disableRefusesConnectionsAndEnableRestores() throws IOException {
        Proxy proxy = proxy();
        String listen = proxy.getListen();
        try (Socket live = connect(listen)) {
            roundTrip(live, 8);
            proxy.disable();
            assertThat(proxy.isEnabled()).isFalse();
            assertThat(live.getInputStream().read())
                    .as("existing connection closed")
                    .isEqualTo(-1);
        }
        assertThatThrownBy(() -> connect(listen)).isInstanceOf(ConnectException.class);
        proxy.enable();
        try (Socket socket = connect(listen)) {
            roundTrip(socket, 8);
        }
    }

    @Test
    void resetClearsAll() throws IOException {
        Proxy proxy = proxy();
        proxy.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 600_000);
        proxy.toxics().timeout("stall", ToxicDirection.UPSTREAM, 0);
        proxy.disable();
        client.reset();
        Proxy after = client.getProxy("echo");
        assertThat(after.isEnabled()).isTrue();
        assertThat(after.toxics().getAll()).isEmpty();
        try (Socket socket = connect(after.getListen())) {
            roundTrip(socket, 8); // within the 10 s socket timeout: neither toxic is left
        }
    }

    @Test
    void listsProxiesAndDeletes() throws IOException {
        proxy();
        client.createProxy("other", "127.0.0.1:0", echo.address());
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("echo", "other");
        client.getProxy("other").delete();
        assertThat(client.getProxyOrNull("other")).isNull();
        assertThat(client.version()).contains("version");
    }

    @Test
    void manyShortConnectionsDoNotHurt() throws Exception {
        Proxy proxy = proxy();
        int port =
                Integer.parseInt(proxy.getListen().substring(proxy.getListen().lastIndexOf(':') + 1));
        for (int i = 0; i < 2000; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                if (i % 2 == 0) {
                    OutputStream out = socket.getOutputStream();
                    out.write(1);
                }
            }
        }
        try (Socket socket = connect(proxy.getListen())) {
            roundTrip(socket, 8);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (metric("kintsugi_proxy_connections_active{proxy=\"echo\"}") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(metric("kintsugi_proxy_connections_active{proxy=\"echo\"}")).isZero();
        assertThat(metric("kintsugi_proxy_connections_total{proxy=\"echo\"}")).isEqualTo(2001);
    }

    @Test
    void deletingAProxyReleasesPumpsBlockedBehindASlowToxic() throws Exception {
        Proxy proxy = client.createProxy("slowpoke", "127.0.0.1:0", echo.address());
        proxy.toxics().bandwidth("trickle", ToxicDirection.DOWNSTREAM, 1);
        Socket socket = connect(proxy.getListen());
        Thread.ofVirtual().start(() -> {
            try {
                socket.getOutputStream().write(new byte[4_000_000]);
            } catch (IOException ignored) {
                // the proxy goes away under it
            }
        });
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (metric("kintsugi_proxy_bytes_total{proxy=\"slowpoke\",direction=\"downstream\"}") < 100_000
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        proxy.delete();
        while (pumpThreadsOf("slowpoke") > 0 && System.nanoTime() < deadline + 30_000_000_000L) {
            Thread.sleep(50);
        }
        assertThat(pumpThreadsOf("slowpoke")).as("pump threads left").isZero();
        socket.close();
    }

    private static long pumpThreadsOf(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("up-" + name) || t.getName().equals("down-" + name))
                .count();
    }
}
