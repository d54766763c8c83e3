package dev.kintsugi.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.rekawek.toxiproxy.Proxy;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Faults with a lease revert by themselves: no client call after creating them. */
class LeaseTest extends ProxyTestSupport {

    @Test
    void aToxicWithATwoSecondLeaseIsGoneAfterTwoSeconds() throws Exception {
        Proxy proxy = client.createProxy("leased", "127.0.0.1:0", echo.address());
        long start = System.nanoTime();
        HttpResponse<String> created = api(
                "POST",
                "/proxies/leased/toxics",
                "{\"type\":\"latency\",\"attributes\":{\"latency\":300},\"ttl_ms\":2000}");
        assertThat(created.statusCode()).isEqualTo(200);
        var body = new ObjectMapper().readTree(created.body());
        assertThat(body.get("ttl_ms").asLong()).isEqualTo(2000);
        assertThat(Instant.parse(body.get("expires_at").asText())).isAfter(Instant.now());
        assertThat(proxy.toxics().getAll()).hasSize(1);

        // watch it through the official client (reads only)
        while (!proxy.toxics().getAll().isEmpty() && System.nanoTime() - start < 6_000_000_000L) {
            Thread.sleep(25);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(proxy.toxics().getAll()).isEmpty();
        assertThat(seconds).isBetween(1.95, 3.0);
        assertThat(kintsugi.faultsExpired()).isEqualTo(1);
        assertThat(metric("kintsugi_proxy_faults_expired_total")).isEqualTo(1);
        try (Socket socket = connect(proxy.getListen())) {
            assertThat(roundTrip(socket, 8) / 1e6).isLessThan(250.0);
        }
    }

    @Test
    void aLeasedDisableEnablesItselfAgain() throws Exception {
        Proxy proxy = client.createProxy("down", "127.0.0.1:0", echo.address());
        String listen = proxy.getListen();
        HttpResponse<String> response = api("POST", "/proxies/down", "{\"enabled\":false,\"ttl_ms\":1000}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"enabled\":false").contains("enabled_at");
        assertThatThrownBy(() -> connect(listen)).isInstanceOf(ConnectException.class);
        long start = System.nanoTime();
        while (!client.getProxy("down").isEnabled() && System.nanoTime() - start < 5_000_000_000L) {
            Thread.sleep(25);
        }
        assertThat(client.getProxy("down").isEnabled()).isTrue();
        try (Socket socket = connect(listen)) {
            roundTrip(socket, 8);
        }
    }

    @Test
    void updatingTheToxicWithoutTtlKeepsItsLeaseAndRemovingCancelsIt() throws Exception {
        client.createProxy("keep", "127.0.0.1:0", echo.address());
        api("POST", "/proxies/keep/toxics", "{\"name\":\"lag\",\"type\":\"latency\",\"ttl_ms\":600000}");
        HttpResponse<String> patched = api("POST", "/proxies/keep/toxics/lag", "{\"attributes\":{\"latency\":5}}");
        assertThat(patched.body()).contains("\"ttl_ms\":600000");
        assertThat(api("DELETE", "/proxies/keep/toxics/lag", null).statusCode()).isEqualTo(204);
        assertThat(kintsugi.faultsExpired()).isZero();
    }
}
