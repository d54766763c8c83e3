// Latency, toxic and lease timing, and many-connection figures for kintsugi-proxy, JDK only:
//   java bench/proxy/ProxyBench.java ADMIN_PORT ECHO_PORT SOCAT_PORT PROXY_PID
//   java -Donly=timing bench/proxy/ProxyBench.java ADMIN_PORT ECHO_PORT 0 PROXY_PID   (toxic and lease timing only)
// Starts its own echo server on ECHO_PORT (socat must already forward SOCAT_PORT to it), creates the
// proxies it needs through the admin API, prints a Markdown-ready summary. Loopback only, bounded.
import java.io.*;
import java.net.*;
import java.net.http.*;
import java.nio.file.*;
import java.util.*;

public class ProxyBench {
    static HttpClient http = HttpClient.newHttpClient();
    static int admin;

    public static void main(String[] args) throws Exception {
        admin = Integer.parseInt(args[0]);
        int echoPort = Integer.parseInt(args[1]);
        int socatPort = Integer.parseInt(args[2]);
        long pid = Long.parseLong(args[3]);
        int rounds = Integer.parseInt(System.getProperty("rounds", "20000"));
        startEcho(echoPort);
        int proxyPort = createProxy("bench_latency", echoPort);
        if ("timing".equals(System.getProperty("only"))) {
            timing(proxyPort);
            api("DELETE", "/proxies/bench_latency", null);
            System.exit(0);
        }

        // 1. added round-trip latency, small messages, no toxics; interleaved blocks so noise hits all alike
        long[][] rtt = new long[3][rounds];
        int[] ports = {echoPort, socatPort, proxyPort};
        Socket[] sockets = new Socket[3];
        for (int i = 0; i < 3; i++) sockets[i] = open(ports[i]);
        for (int i = 0; i < 3; i++) for (int w = 0; w < 5000; w++) roundTrip(sockets[i], 64);
        int block = 1000;
        for (int start = 0; start < rounds; start += block)
            for (int i = 0; i < 3; i++)
                for (int k = start; k < Math.min(rounds, start + block); k++) rtt[i][k] = roundTrip(sockets[i], 64);
        for (Socket s : sockets) s.close();
        String[] names = {"direct", "socat -b 262144", "kintsugi-proxy"};
        System.out.println("### Round trip, 64-byte messages, " + rounds + " per path (µs)");
        System.out.println("| path | p50 | p90 | p99 | p50 added vs direct | p99 added vs direct |");
        System.out.println("|---|---|---|---|---|---|");
        for (int i = 0; i < 3; i++) {
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %s | %s |%n", names[i],
                    pct(rtt[i], 50), pct(rtt[i], 90), pct(rtt[i], 99),
                    i == 0 ? "" : String.format(Locale.ROOT, "%.1f", pct(rtt[i], 50) - pct(rtt[0], 50)),
                    i == 0 ? "" : String.format(Locale.ROOT, "%.1f", pct(rtt[i], 99) - pct(rtt[0], 99)));
        }

        // 2. accuracy of a 100 ms latency toxic (downstream). On a VM every wake-up after an idle spell costs
        // ~0.2 ms, so the baseline is the same proxy path without the toxic, paced 100 ms apart like the toxic
        // run: error = RTT with toxic - 100 ms - p50 RTT of that paced baseline. Raw figures are printed too.
        int samples = Integer.parseInt(System.getProperty("latencySamples", "100"));
        double[] paced = new double[samples];
        try (Socket s = open(proxyPort)) {
            for (int i = 0; i < paced.length; i++) {
                Thread.sleep(100);
                paced[i] = roundTrip(s, 64) / 1000.0;
            }
        }
        Arrays.sort(paced);
        double pacedBase = paced[paced.length / 2];
        api("POST", "/proxies/bench_latency/toxics", "{\"name\":\"lag\",\"type\":\"latency\",\"attributes\":{\"latency\":100}}");
        double[] raw = new double[samples];
        try (Socket s = open(proxyPort)) {
            roundTrip(s, 64);
            for (int i = 0; i < samples; i++) raw[i] = roundTrip(s, 64) / 1000.0 - 100_000;
        }
        api("DELETE", "/proxies/bench_latency/toxics/lag", null);
        Arrays.sort(raw);
        double[] abs = Arrays.stream(raw).map(x -> Math.abs(x - pacedBase)).sorted().toArray();
        int p99 = (int) Math.ceil(samples * 0.99) - 1;
        System.out.println();
        System.out.println("### Latency toxic 100 ms, " + samples + " round trips");
        System.out.printf(Locale.ROOT,
                "RTT - 100 ms (µs): min %.0f, p50 %.0f, p99 %.0f, max %.0f; paced baseline (same proxy, no toxic, 100 ms apart) RTT: p50 %.0f, p99 %.0f, max %.0f%n",
                raw[0], raw[samples / 2], raw[p99], raw[samples - 1], pacedBase, paced[p99], paced[samples - 1]);
        System.out.printf(Locale.ROOT, "error vs paced baseline (µs): p50 %.0f, p99 %.0f; |error| p99 %.0f%n",
                raw[samples / 2] - pacedBase, raw[p99] - pacedBase, abs[p99]);

        // 3. 1,000 concurrent connections held and served; memory per idle connection (proxy RSS delta)
        int n = Integer.parseInt(System.getProperty("connections", "1000"));
        System.gc();
        Thread.sleep(500);
        long rssBefore = rss(pid);
        long threadsBefore = threads(pid);
        List<Socket> held = new ArrayList<>();
        int failures = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try {
                Socket s = open(proxyPort);
                roundTrip(s, 64);
                held.add(s);
            } catch (IOException e) {
                failures++;
            }
        }
        double openSeconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(1000);
        long rssHeld = rss(pid);
        long threadsHeld = threads(pid);
        int failuresAgain = 0;
        for (Socket s : held) {
            try {
                roundTrip(s, 64);
            } catch (IOException e) {
                failuresAgain++;
            }
        }
        for (Socket s : held) s.close();
        System.out.println();
        System.out.println("### " + n + " concurrent connections");
        System.out.printf(Locale.ROOT,
                "opened and served %d (failures %d) in %.2f s; second round trip on all held: failures %d%n",
                held.size(), failures, openSeconds, failuresAgain);
        System.out.printf(Locale.ROOT,
                "proxy RSS %.1f MiB -> %.1f MiB with %d idle connections: %.1f KiB per connection; threads %d -> %d%n",
                rssBefore / 1024.0, rssHeld / 1024.0, held.size(), (rssHeld - rssBefore) / (double) held.size(),
                threadsBefore, threadsHeld);
        timing(proxyPort);
        api("DELETE", "/proxies/bench_latency", null);
        System.exit(0);
    }

    /**
     * 4. How close timed toxics and leases land to their configured times: the figures the JUnit tests no longer
     * assert (they check only "never early" / "never faster"). Each against a baseline from the same run.
     */
    static void timing(int proxyPort) throws Exception {
        int reps = Integer.parseInt(System.getProperty("timingSamples", "5"));
        System.out.println();
        System.out.println("### Timed toxics and leases, " + reps + " samples each (same-run baselines)");
        System.out.println("| what | configured | baseline (no toxic) p50 | measured p50 / max | measured / configured (p50) |");
        System.out.println("|---|---|---|---|---|");

        // bandwidth: 1 MB downstream at 1000 KB/s; baseline: the same transfer without the toxic
        int size = 1_000_000;
        double[] base = new double[reps], with = new double[reps];
        for (int i = 0; i < reps; i++) base[i] = transferSeconds(proxyPort, size);
        api("POST", "/proxies/bench_latency/toxics", "{\"name\":\"bw\",\"type\":\"bandwidth\",\"attributes\":{\"rate\":1000}}");
        for (int i = 0; i < reps; i++) with[i] = transferSeconds(proxyPort, size);
        api("DELETE", "/proxies/bench_latency/toxics/bw", null);
        double rate = size / median(with) / 1000;
        System.out.printf(Locale.ROOT, "| bandwidth, 1 MB | 1000 KB/s | %.0f KB/s | %.0f KB/s / slowest %.0f KB/s | %.3f |%n",
                size / median(base) / 1000, rate, size / max(with) / 1000, rate / 1000);

        // timeout 500 ms: write, then time to end of stream; baseline: a round trip without the toxic
        for (int i = 0; i < reps; i++) base[i] = rttMs(proxyPort);
        api("POST", "/proxies/bench_latency/toxics", "{\"name\":\"to\",\"type\":\"timeout\",\"attributes\":{\"timeout\":500}}");
        for (int i = 0; i < reps; i++) {
            try (Socket s = open(proxyPort)) {
                long t = System.nanoTime();
                s.getOutputStream().write(new byte[4]);
                s.getInputStream().read();
                with[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        api("DELETE", "/proxies/bench_latency/toxics/to", null);
        row("timeout", 500, base, with);

        // slow_close 300 ms: half-close, then time to the proxy's close; baseline: the same without the toxic
        for (int i = 0; i < reps; i++) base[i] = closeMs(proxyPort);
        api("POST", "/proxies/bench_latency/toxics", "{\"name\":\"sc\",\"type\":\"slow_close\",\"attributes\":{\"delay\":300}}");
        for (int i = 0; i < reps; i++) with[i] = closeMs(proxyPort);
        api("DELETE", "/proxies/bench_latency/toxics/sc", null);
        row("slow_close", 300, base, with);

        // lease: a toxic with ttl_ms 1000, polled every 2 ms until it is gone; baseline: one GET (the poll's cost)
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            api("GET", "/proxies/bench_latency/toxics", null);
            base[i] = (System.nanoTime() - t) / 1e6;
        }
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            api("POST", "/proxies/bench_latency/toxics", "{\"name\":\"leased\",\"type\":\"latency\",\"ttl_ms\":1000}");
            while (api("GET", "/proxies/bench_latency/toxics", null).contains("leased")) Thread.sleep(2);
            with[i] = (System.nanoTime() - t) / 1e6;
        }
        row("lease end (ttl_ms)", 1000, base, with);
    }

    static void row(String what, double configuredMs, double[] base, double[] with) {
        System.out.printf(Locale.ROOT, "| %s | %.0f ms | %.2f ms | %.1f / %.1f ms | %.3f |%n",
                what, configuredMs, median(base), median(with), max(with), median(with) / configuredMs);
    }

    static double transferSeconds(int port, int size) throws Exception {
        try (Socket s = open(port)) {
            long t = System.nanoTime();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    s.getOutputStream().write(new byte[size]);
                } catch (IOException ignored) {
                }
            });
            s.getInputStream().readNBytes(size);
            double seconds = (System.nanoTime() - t) / 1e9;
            writer.join();
            return seconds;
        }
    }

    static double rttMs(int port) throws IOException {
        try (Socket s = open(port)) {
            return roundTrip(s, 4) / 1e6;
        }
    }

    static double closeMs(int port) throws IOException {
        try (Socket s = open(port)) {
            long t = System.nanoTime();
            s.shutdownOutput();
            s.getInputStream().read();
            return (System.nanoTime() - t) / 1e6;
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    static double pct(long[] nanos, double p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.ceil(s.length * p / 100.0) - 1)] / 1000.0;
    }

    static long roundTrip(Socket s, int size) throws IOException {
        byte[] msg = new byte[size];
        long start = System.nanoTime();
        s.getOutputStream().write(msg);
        int got = 0;
        InputStream in = s.getInputStream();
        while (got < size) {
            int r = in.read(msg, got, size - got);
            if (r < 0) throw new EOFException();
            got += r;
        }
        return System.nanoTime() - start;
    }

    static Socket open(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setTcpNoDelay(true);
        s.setSoTimeout(10_000);
        return s;
    }

    static void startEcho(int port) throws IOException {
        ServerSocket server = new ServerSocket(port, 4096, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try {
                    Socket c = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (c) {
                            c.setTcpNoDelay(true);
                            byte[] b = new byte[65536];
                            int r;
                            while ((r = c.getInputStream().read(b)) >= 0) c.getOutputStream().write(b, 0, r);
                        } catch (IOException ignored) {
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    static int createProxy(String name, int upstream) throws Exception {
        api("DELETE", "/proxies/" + name, null);
        String body = api("POST", "/proxies", "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:" + upstream + "\"}");
        String listen = body.replaceAll(".*\"listen\":\"([^\"]+)\".*", "$1");
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    static String api(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static long rss(long pid) throws IOException {
        return status(pid, "VmRSS:");
    }

    static long threads(long pid) throws IOException {
        return status(pid, "Threads:");
    }

    static long status(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
            if (line.startsWith(key)) return Long.parseLong(line.replaceAll("\\D", ""));
        return -1;
    }
}
