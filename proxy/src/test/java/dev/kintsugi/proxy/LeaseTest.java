package dev.kintsugi.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * Faults with a lease revert by themselves: no client call after creating them. Leases end by the proxy's clock,
 * which these tests move by hand; the figures for how close to its end a lease ends in real time are in
 * docs/benchmarks.md.
 */
class LeaseTest extends ProxyTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aToxicIsRemovedWhenTheClockReachesTheEndOfItsLease() throws Exception {
        Proxy proxy = client.createProxy("leased", "127.0.0.1:0", echo.address());
        // a minute of latency: a round trip that comes back within the socket timeout proves the toxic is gone
        HttpResponse<String> created = api(
                "POST",
                "/proxies/leased/toxics",
                "{\"type\":\"latency\",\"attributes\":{\"latency\":60000},\"ttl_ms\":2000}");
        assertThat(created.statusCode()).isEqualTo(200);
        var body = new ObjectMapper().readTree(created.body());
        assertThat(body.get("ttl_ms").asLong()).isEqualTo(2000);
        assertThat(Instant.parse(body.get("expires_at").asText())).isEqualTo(START.plusSeconds(2));

        clock.advance(Duration.ofMillis(1999));
        kintsugi.expireLeases(); // what the lease sweep does every tick
        assertThat(proxy.toxics().getAll()).as("1 ms before its end").hasSize(1);
        assertThat(kintsugi.faultsExpired()).isZero();

        clock.advance(Duration.ofMillis(1));
        // nobody calls anything now: the proxy's own sweep must notice; watched through the official client
        assertThat(Poll.until(WAIT, () -> proxy.toxics().getAll().isEmpty())).isTrue();
        assertThat(kintsugi.faultsExpired()).isEqualTo(1);
        assertThat(metric("kintsugi_proxy_faults_expired_total")).isEqualTo(1);
        try (Socket socket = connect(proxy.getListen())) {
            roundTrip(socket, 8); // 10 s socket timeout, against the toxic's 60 s
        }
    }

    @Test
    void aLeasedDisableEnablesItselfAgainWhenTheClockSaysSo() throws Exception {
        Proxy proxy = client.createProxy("down", "127.0.0.1:0", echo.address());
        String listen = proxy.getListen();
        HttpResponse<String> response = api("POST", "/proxies/down", "{\"enabled\":false,\"ttl_ms\":1000}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(new ObjectMapper()
                        .readTree(response.body())
                        .get("enabled_at")
                        .asText())
                .isEqualTo(START.plusSeconds(1).toString());
        assertThat(response.body()).contains("\"enabled\":false");
        assertThatThrownBy(() -> connect(listen)).isInstanceOf(ConnectException.class);

        kintsugi.expireLeases();
        assertThat(client.getProxy("down").isEnabled()).as("before its end").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(Poll.until(WAIT, () -> client.getProxy("down").isEnabled())).isTrue();
        try (Socket socket = connect(listen)) {
            roundTrip(socket, 8);
        }
        assertThat(kintsugi.faultsExpired()).isEqualTo(1);
    }

    @Test
    void aNewTtlRestartsTheLeaseFromNowAndNoTtlKeepsIt() throws Exception {
        client.createProxy("renew", "127.0.0.1:0", echo.address());
        api("POST", "/proxies/renew/toxics", "{\"name\":\"lag\",\"type\":\"latency\",\"ttl_ms\":1000}");
        clock.advance(Duration.ofMillis(900));
        HttpResponse<String> renewed = api("POST", "/proxies/renew/toxics/lag", "{\"ttl_ms\":1000}");
        assertThat(new ObjectMapper().readTree(renewed.body()).get("expires_at").asText())
                .isEqualTo(START.plusMillis(1900).toString());
        clock.advance(Duration.ofMillis(200)); // past the first lease's end, not the renewed one's
        kintsugi.expireLeases();
        assertThat(api("GET", "/proxies/renew/toxics/lag", null).statusCode()).isEqualTo(200);
        HttpResponse<String> kept = api("POST", "/proxies/renew/toxics/lag", "{\"attributes\":{\"latency\":5}}");
        assertThat(new ObjectMapper().readTree(kept.body()).get("expires_at").asText())
                .isEqualTo(START.plusMillis(1900).toString());
        clock.advance(Duration.ofMillis(800));
        assertThat(Poll.until(
                        WAIT,
                        () -> api("GET", "/proxies/renew/toxics/lag", null).statusCode() == 404))
                .isTrue();
        assertThat(kintsugi.faultsExpired()).isEqualTo(1);
    }

    @Test
    void updatingTheToxicWithoutTtlKeepsItsLeaseAndRemovingCancelsIt() throws Exception {
        client.createProxy("keep", "127.0.0.1:0", echo.address());
        api("POST", "/proxies/keep/toxics", "{\"name\":\"lag\",\"type\":\"latency\",\"ttl_ms\":600000}");
        HttpResponse<String> patched = api("POST", "/proxies/keep/toxics/lag", "{\"attributes\":{\"latency\":5}}");
        assertThat(patched.body()).contains("\"ttl_ms\":600000");
        assertThat(api("DELETE", "/proxies/keep/toxics/lag", null).statusCode()).isEqualTo(204);
        clock.advance(Duration.ofHours(1));
        kintsugi.expireLeases();
        assertThat(kintsugi.faultsExpired()).isZero();
    }

    @Test
    void deletingAProxyCancelsItsLeases() throws Exception {
        client.createProxy("gone", "127.0.0.1:0", echo.address());
        api("POST", "/proxies/gone/toxics", "{\"type\":\"latency\",\"ttl_ms\":1000}");
        assertThat(api("DELETE", "/proxies/gone", null).statusCode()).isEqualTo(204);
        clock.advance(Duration.ofHours(1));
        kintsugi.expireLeases();
        assertThat(kintsugi.faultsExpired())
                .as("no lease of a deleted proxy counts")
                .isZero();
    }
}
