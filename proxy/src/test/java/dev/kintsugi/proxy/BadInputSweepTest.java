package dev.kintsugi.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every write endpoint of the admin API against malformed JSON, wrong types, missing fields, huge values, control
 * characters, unknown toxic types and attributes: never a 5xx, every refusal a 4xx in the API's error shape
 * ({@code {"error": "...", "status": N}}), and nothing changed (the proxies, their toxics and the fault counter read
 * the same before and after).
 */
class BadInputSweepTest extends ProxyTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Values that are wrong for a field of each kind (none of them means "use the default"). */
    private static final List<String> NOT_A_STRING = List.of("1", "true", "[]", "{}", "1.5", "[\"a\"]");

    private static final List<String> BAD_TEXT = List.of(
            "\"a\\u0000b\"", "\"a\\u001fb\"", "\"\\ud800\"", "\"a\\u2028b\"", "\"" + "x".repeat(100_000) + "\"");
    private static final List<String> NOT_A_WHOLE_NUMBER = List.of(
            "\"1\"",
            "true",
            "[]",
            "{}",
            "1.5",
            "-1",
            "1e400",
            "-1e400",
            "9223372036854775808",
            "-9223372036854775809",
            "100000000000000000000000000000");
    private static final List<String> NOT_A_BOOLEAN = List.of("\"true\"", "1", "0", "[]", "{}", "\"yes\"");
    private static final List<String> NOT_A_FRACTION = List.of("\"0.5\"", "true", "[]", "{}", "-0.1", "1.01", "1e400");
    private static final List<String> MALFORMED = List.of(
            "{",
            "[",
            "{\"a\":}",
            "nul",
            "{\"name\":\"x\"} trailing",
            "{\"name\":\"x\",\"name\":\"y\"}",
            "\"just a string\"",
            "42",
            "true",
            "null",
            "[]",
            "[1,2]",
            "[".repeat(5000) + "]".repeat(5000),
            "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
            "{'name':'x'}",
            "{name:\"x\"}",
            "\u0000");

    private record Case(String method, String path, String body) {}

    private String echoAddress;

    private String proxy(Map<String, String> overrides, String... drop) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "\"fresh\"");
        fields.put("listen", "\"127.0.0.1:0\"");
        fields.put("upstream", "\"" + echoAddress + "\"");
        fields.put("enabled", "true");
        fields.putAll(overrides);
        for (String d : drop) fields.remove(d);
        return object(fields);
    }

    private static String object(Map<String, String> fields) {
        List<String> parts = new ArrayList<>();
        fields.forEach((k, v) -> parts.add("\"" + k + "\":" + v));
        return "{" + String.join(",", parts) + "}";
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        List<String> bodyPaths = List.of(
                "POST /proxies",
                "POST /populate",
                "POST /proxies/base",
                "PATCH /proxies/base",
                "POST /proxies/base/toxics",
                "POST /proxies/base/toxics/lag",
                "PATCH /proxies/base/toxics/lag");
        for (String endpoint : bodyPaths) {
            String[] mp = endpoint.split(" ");
            for (String body : MALFORMED) {
                if (mp[1].equals("/populate") && body.equals("[]")) {
                    continue; // an empty populate is valid and changes nothing
                }
                cases.add(new Case(mp[0], mp[1], body));
            }
            cases.add(new Case(mp[0], mp[1], "")); // no body
            cases.add(new Case(mp[0], mp[1], "{\"x\":\"" + "y".repeat((1 << 20) + 10) + "\"}")); // over 1 MiB
        }

        // create a proxy: each field wrong, each required field missing
        for (String field : List.of("name", "listen", "upstream")) {
            for (String v : concat(NOT_A_STRING, BAD_TEXT)) {
                cases.add(new Case("POST", "/proxies", proxy(Map.of(field, v))));
                cases.add(new Case("POST", "/populate", "[" + proxy(Map.of(field, v)) + "]"));
            }
        }
        for (String v : NOT_A_BOOLEAN) {
            cases.add(new Case("POST", "/proxies", proxy(Map.of("enabled", v))));
        }
        for (String v : List.of("\"\"", "\"..\"", "\"a/b\"", "\"x/..\"")) {
            cases.add(new Case("POST", "/proxies", proxy(Map.of("name", v))));
        }
        cases.add(new Case("POST", "/proxies", "\uFEFF{}")); // a byte order mark, then no name
        cases.add(new Case("POST", "/proxies", proxy(Map.of("upstream", "\"\""))));
        for (String v : List.of(
                "\"nohost\"",
                "\"127.0.0.1:65536\"",
                "\"127.0.0.1:-1\"",
                "\"127.0.0.1:x\"",
                "\"999.1.1.1:1234\"",
                "\"a b:80\"",
                "\"" + "h".repeat(400) + ":80\"")) {
            cases.add(new Case("POST", "/proxies", proxy(Map.of("listen", v))));
            if (!v.equals("\"999.1.1.1:1234\"")) { // an upstream is resolved at connect time, as in Toxiproxy
                cases.add(new Case("POST", "/proxies", proxy(Map.of("upstream", v))));
            }
        }
        cases.add(new Case("POST", "/proxies", proxy(Map.of(), "name")));
        cases.add(new Case("POST", "/proxies", proxy(Map.of(), "upstream")));
        cases.add(new Case("POST", "/proxies", proxy(Map.of("name", "\"base\"")))); // exists: 409
        cases.add(new Case("POST", "/populate", "[" + proxy(Map.of()) + "," + proxy(Map.of()) + "]")); // twice
        cases.add(new Case("POST", "/populate", "[" + proxy(Map.of()) + ", 7]"));
        cases.add(new Case(
                "POST",
                "/populate",
                "[" + proxy(Map.of()) + "," + proxy(Map.of("name", "\"second\"", "listen", "\"bad\"")) + "]"));

        // update a proxy
        for (String method : List.of("POST", "PATCH")) {
            for (String field : List.of("listen", "upstream")) {
                for (String v : concat(NOT_A_STRING, BAD_TEXT)) {
                    cases.add(new Case(method, "/proxies/base", "{\"" + field + "\":" + v + "}"));
                }
            }
            for (String v : NOT_A_BOOLEAN) {
                cases.add(new Case(method, "/proxies/base", "{\"enabled\":" + v + "}"));
            }
            for (String v : concat(NOT_A_WHOLE_NUMBER, List.of("0", "604800001"))) {
                cases.add(new Case(method, "/proxies/base", "{\"enabled\":false,\"ttl_ms\":" + v + "}"));
            }
            cases.add(new Case(method, "/proxies/base", "{\"ttl_ms\":1000}")); // a lease on an enabled proxy
            cases.add(new Case(method, "/proxies/base", "{\"listen\":\"999.1.1.1:1234\"}"));
            cases.add(new Case(method, "/proxies/base", "{\"listen\":\"127.0.0.1:99999\"}"));
            cases.add(new Case(method, "/proxies/nope", "{\"enabled\":false}"));
        }

        // add a toxic
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (ToxicType type : ToxicType.values()) {
            for (ToxicType.Attribute attribute : type.attributes()) {
                List<String> wrong = switch (attribute.kind()) {
                    case NUMBER -> concat(NOT_A_WHOLE_NUMBER, List.of(String.valueOf(attribute.max() + 1)));
                    case FRACTION -> NOT_A_FRACTION;
                    case TEXT ->
                        concat(NOT_A_STRING, List.of("\"a\\u0000b\"", "\"\\udc00\"", "\"" + "b".repeat(70_000) + "\""));
                };
                attributes.put(type.json() + "." + attribute.name(), wrong);
                for (String v : wrong) {
                    String attrs = "{\"" + attribute.name() + "\":" + v + "}";
                    cases.add(new Case(
                            "POST",
                            "/proxies/base/toxics",
                            "{\"name\":\"t\",\"type\":\"" + type.json() + "\",\"attributes\":" + attrs + "}"));
                }
            }
            cases.add(new Case(
                    "POST",
                    "/proxies/base/toxics",
                    "{\"name\":\"t\",\"type\":\"" + type.json() + "\",\"attributes\":{\"no_such_attribute\":1}}"));
        }
        assertThat(attributes).isNotEmpty();
        for (String v : concat(NOT_A_STRING, List.of("\"earthquake\"", "\"LATENCY\"", "\"latency \"", "\"\""))) {
            cases.add(new Case("POST", "/proxies/base/toxics", "{\"type\":" + v + "}"));
        }
        cases.add(new Case("POST", "/proxies/base/toxics", "{\"name\":\"t\"}")); // no type
        for (String v : concat(NOT_A_STRING, BAD_TEXT, List.of("\"sideways\"", "\"UPSTREAM\""))) {
            cases.add(new Case("POST", "/proxies/base/toxics", "{\"type\":\"latency\",\"stream\":" + v + "}"));
        }
        for (String v : concat(NOT_A_STRING, BAD_TEXT, List.of("\"..\"", "\"a/b\""))) {
            cases.add(new Case("POST", "/proxies/base/toxics", "{\"type\":\"latency\",\"name\":" + v + "}"));
        }
        for (String v : NOT_A_FRACTION) {
            cases.add(new Case("POST", "/proxies/base/toxics", "{\"type\":\"latency\",\"toxicity\":" + v + "}"));
        }
        for (String v : concat(NOT_A_WHOLE_NUMBER, List.of("0", "604800001"))) {
            cases.add(new Case("POST", "/proxies/base/toxics", "{\"type\":\"latency\",\"ttl_ms\":" + v + "}"));
        }
        for (String v : List.of("1", "\"x\"", "[]", "true")) {
            cases.add(new Case("POST", "/proxies/base/toxics", "{\"type\":\"latency\",\"attributes\":" + v + "}"));
        }
        cases.add(new Case("POST", "/proxies/base/toxics", "{\"name\":\"lag\",\"type\":\"latency\"}")); // 409
        cases.add(new Case(
                "POST",
                "/proxies/base/toxics",
                "{\"type\":\"slicer\",\"attributes\":{\"average_size\":10,\"size_variation\":10}}"));
        cases.add(new Case("POST", "/proxies/nope/toxics", "{\"type\":\"latency\"}"));

        // update a toxic
        for (String method : List.of("POST", "PATCH")) {
            String path = "/proxies/base/toxics/lag";
            for (String v : NOT_A_WHOLE_NUMBER) {
                cases.add(new Case(method, path, "{\"attributes\":{\"latency\":" + v + "}}"));
                cases.add(new Case(method, path, "{\"ttl_ms\":" + v + "}"));
            }
            for (String v : NOT_A_FRACTION) {
                cases.add(new Case(method, path, "{\"toxicity\":" + v + "}"));
            }
            for (String v : List.of("1", "\"x\"", "[]", "true")) {
                cases.add(new Case(method, path, "{\"attributes\":" + v + "}"));
            }
            cases.add(new Case(method, path, "{\"attributes\":{\"rate\":1}}")); // not a latency attribute
            cases.add(new Case(method, "/proxies/base/toxics/nope", "{\"toxicity\":0.5}"));
        }

        // deletes of what does not exist
        cases.add(new Case("DELETE", "/proxies/nope", null));
        cases.add(new Case("DELETE", "/proxies/base/toxics/nope", null));
        cases.add(new Case("DELETE", "/proxies/nope/toxics/lag", null));
        return cases;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) all.addAll(l);
        return all;
    }

    private JsonNode state() throws Exception {
        ObjectNode state = JSON.createObjectNode();
        state.set("proxies", JSON.readTree(api("GET", "/proxies", null).body()));
        state.put("faults_expired", kintsugi.faultsExpired());
        return state;
    }

    @Test
    void noBadInputGivesA5xxOrChangesAnything() throws Exception {
        echoAddress = echo.address();
        assertThat(api(
                                "POST",
                                "/proxies",
                                "{\"name\":\"base\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echoAddress + "\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(api("POST", "/proxies/base/toxics", "{\"name\":\"lag\",\"type\":\"latency\",\"ttl_ms\":600000}")
                        .statusCode())
                .isEqualTo(200);
        JsonNode before = state();

        List<Case> cases = cases();
        SoftAssertions soft = new SoftAssertions();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (Case c : cases) {
            HttpResponse<String> response = api(c.method(), c.path(), c.body());
            String what = c.method() + " " + c.path() + " " + abbreviate(c.body()) + " -> " + response.statusCode()
                    + " " + abbreviate(response.body());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            soft.assertThat(response.statusCode()).as(what).isBetween(400, 499);
            try {
                JsonNode error = JSON.readTree(response.body());
                soft.assertThat(error.path("status").asInt()).as(what).isEqualTo(response.statusCode());
                soft.assertThat(error.path("error").isTextual()).as(what).isTrue();
                soft.assertThat(error.path("error").asText()).as(what).isNotBlank();
                soft.assertThat(error.size()).as(what).isEqualTo(2);
            } catch (tools.jackson.core.JacksonException notJson) {
                soft.fail(what + ": not the error shape");
            }
            soft.assertThat(response.headers().firstValue("Content-Type"))
                    .as(what)
                    .hasValue("application/json");
            soft.assertThat(state()).as("nothing changed after " + what).isEqualTo(before);
        }
        soft.assertAll();
        assertThat(cases.size()).as("requests sent").isGreaterThan(400);
        System.out.println("bad-input sweep: " + cases.size() + " requests, statuses " + statuses);
        // and the proxy still forwards
        try (var socket = connect(before.at("/proxies/base/listen").asText())) {
            api("DELETE", "/proxies/base/toxics/lag", null);
            roundTrip(socket, 8);
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "(no body)";
        }
        return text.length() > 120 ? text.substring(0, 120) + "...(" + text.length() + " chars)" : text;
    }
}
