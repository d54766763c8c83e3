package dev.kintsugi.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Moving a proxy's listener: a refused move changes nothing; an address that cannot be listened on is a 400. */
class ListenUpdateTest extends ProxyTestSupport {
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode create(String name) throws Exception {
        HttpResponse<String> created = api(
                "POST",
                "/proxies",
                "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body());
    }

    private JsonNode read(String name) throws Exception {
        return json.readTree(api("GET", "/proxies/" + name, null).body());
    }

    private void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).contains(message);
    }

    @Test
    void aMoveToAnAddressInUseIs409AndTheOldListenerKeepsForwarding() throws Exception {
        JsonNode before = create("db");
        String listen = before.get("listen").asText();
        try (Socket live = connect(listen);
                ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            roundTrip(live, 8);
            assertError(
                    api(
                            "POST",
                            "/proxies/db",
                            "{\"listen\":\"127.0.0.1:" + taken.getLocalPort() + "\",\"upstream\":\"127.0.0.1:1\"}"),
                    409,
                    "address already in use");
            assertThat(read("db")).as("address, upstream, enabled: as before").isEqualTo(before);
            roundTrip(live, 8); // the connection open before is still served
            try (Socket fresh = connect(listen)) {
                roundTrip(fresh, 8); // and the old port still forwards bytes
            }
        }
    }

    @Test
    void aMoveOnASamePortToAnotherAddressWorks() throws Exception {
        JsonNode before = create("wild");
        int port = Integer.parseInt(before.get("listen").asText().replaceAll(".*:", ""));
        HttpResponse<String> moved = api("POST", "/proxies/wild", "{\"listen\":\"localhost:" + port + "\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        try (Socket socket = connect("127.0.0.1:" + port)) {
            roundTrip(socket, 8);
        }
    }

    @Test
    void aMoveToAFreePortMovesTheListener() throws Exception {
        String old = create("move").get("listen").asText();
        HttpResponse<String> moved = api("PATCH", "/proxies/move", "{\"listen\":\"127.0.0.1:0\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        String now = json.readTree(moved.body()).get("listen").asText();
        assertThat(now).isNotEqualTo(old);
        try (Socket socket = connect(now)) {
            roundTrip(socket, 8);
        }
        assertThatThrownBy(() -> connect(old)).isInstanceOf(ConnectException.class);
    }

    @Test
    void enablingOnAnAddressInUseIs409AndStaysDisabled() throws Exception {
        JsonNode created = create("off");
        String listen = created.get("listen").asText();
        assertThat(api("POST", "/proxies/off", "{\"enabled\":false}").statusCode())
                .isEqualTo(200);
        JsonNode disabled = read("off");
        int port = Integer.parseInt(listen.replaceAll(".*:", ""));
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertError(api("POST", "/proxies/off", "{\"enabled\":true}"), 409, "address already in use");
            assertThat(read("off")).isEqualTo(disabled);
        }
        assertThat(api("POST", "/proxies/off", "{\"enabled\":true}").statusCode())
                .isEqualTo(200);
        try (Socket socket = connect(listen)) {
            roundTrip(socket, 8);
        }
    }

    @Test
    void unbindableAddressesAre400NotInUseAndNot500() throws Exception {
        JsonNode before = create("bad");
        String listen = before.get("listen").asText();
        for (String address : List.of(
                "999.1.1.1:1234",
                "no-such-host.invalid:1234",
                "127.0.0.1:65536",
                "127.0.0.1:-1",
                "127.0.0.1:port",
                "127.0.0.1",
                "192.0.2.1:1234")) { // TEST-NET-1: not an address of this machine
            HttpResponse<String> response = api("POST", "/proxies/bad", "{\"listen\":\"" + address + "\"}");
            assertError(response, 400, "listen");
            assertThat(json.readTree(response.body()).get("error").asText())
                    .as(address)
                    .doesNotContain("in use");
            assertThat(read("bad")).isEqualTo(before);
            HttpResponse<String> create = api(
                    "POST",
                    "/proxies",
                    "{\"name\":\"new\",\"listen\":\"" + address + "\",\"upstream\":\"" + echo.address() + "\"}");
            assertError(create, 400, "listen");
        }
        try (Socket socket = connect(listen)) {
            roundTrip(socket, 8);
        }
        assertThat(kintsugi.proxies().all()).hasSize(1);
    }

    @Test
    void aRefusedPopulateChangesNothing() throws Exception {
        JsonNode before = create("keep");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String body = "[{\"name\":\"keep\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:9\"},"
                    + "{\"name\":\"clash\",\"listen\":\"127.0.0.1:" + taken.getLocalPort()
                    + "\",\"upstream\":\"127.0.0.1:9\"}]";
            assertError(api("POST", "/populate", body), 409, "address already in use");
        }
        assertThat(kintsugi.proxies().all()).hasSize(1);
        assertThat(read("keep")).isEqualTo(before);
        try (Socket socket = connect(before.get("listen").asText())) {
            roundTrip(socket, 8);
        }
    }
}
