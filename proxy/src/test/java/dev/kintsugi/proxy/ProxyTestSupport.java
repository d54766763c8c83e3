package dev.kintsugi.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Starts a proxy on a free admin port and an echo server; offers socket and HTTP helpers. */
abstract class ProxyTestSupport {
    /** Where every test's clock starts: a fixed instant, so nothing depends on today's date. */
    static final java.time.Instant START = java.time.Instant.parse("2030-01-01T00:00:00Z");

    protected final TestClock clock = new TestClock(START);
    protected KintsugiProxy kintsugi;
    protected ToxiproxyClient client;
    protected EchoServer echo;
    protected final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startProxy() throws IOException {
        kintsugi = new KintsugiProxy("127.0.0.1", 0, clock).start();
        client = new ToxiproxyClient("127.0.0.1", kintsugi.port());
        echo = new EchoServer();
    }

    @AfterEach
    void stopProxy() throws IOException {
        kintsugi.close();
        echo.close();
    }

    static Socket connect(String listen) throws IOException {
        int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends a small message and reads the echo back; returns the round trip in nanoseconds. */
    static long roundTrip(Socket socket, int size) throws IOException {
        byte[] message = new byte[size];
        Arrays.fill(message, (byte) 'k');
        long start = System.nanoTime();
        socket.getOutputStream().write(message);
        readFully(socket.getInputStream(), size);
        return System.nanoTime() - start;
    }

    static byte[] readFully(InputStream in, int size) throws IOException {
        byte[] data = in.readNBytes(size);
        assertThat(data).as("bytes echoed before end of stream").hasSize(size);
        return data;
    }

    HttpResponse<String> api(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kintsugi.port() + path));
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    long metric(String line) throws IOException, InterruptedException {
        for (String l : api("GET", "/metrics", null).body().split("\n")) {
            if (l.startsWith(line + " ")) {
                return Long.parseLong(l.substring(line.length() + 1).trim());
            }
        }
        throw new AssertionError("metric not found: " + line);
    }
}
