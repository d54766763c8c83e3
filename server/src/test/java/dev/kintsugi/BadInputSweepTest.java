package dev.kintsugi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile and careless input for every write operation of the API, generated from its own OpenAPI description:
 * for each POST/PUT/PATCH/DELETE under {@code /api/v1} with a JSON body, and each field of that body (one level of
 * nested objects too), it sends malformed JSON, wrong JSON types, missing required fields, oversized strings and
 * arrays, out-of-range dates, unknown enum values and ordinals, and control characters. Every answer must be a
 * 4xx (never 2xx, never 5xx) in {@code application/problem+json}, naming the field when the failure is about one
 * field, and nothing may be written: every table (the audit log and the event publications included) is compared
 * before and after, row counts after each request and contents after each operation. Path ids point at real
 * resources created first. The failures are printed grouped (and written to {@code target/bad-input-sweep.txt}).
 */
class BadInputSweepTest extends IntegrationTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String LONE_SURROGATE = "@@lone-surrogate@@";
    /** Tables that change on their own (the scheduler's heartbeats) or are not the application's data. */
    private static final Set<String> VOLATILE_TABLES =
            // the change log takes what background work on other instances' behalf commits (live updates of runs
            // and alerts still going); a refused request commits nothing, which every other table shows
            Set.of("scheduled_tasks", "flyway_schema_history", "platform_change_log");
    /** Columns a read legitimately updates (a token's last use). */
    private static final Set<String> VOLATILE_COLUMNS = Set.of("last_used_at");

    private static final String SWEEP_URL = "http://127.0.0.1:9/health";
    /** Matches no alert but the sweep's own (silences and definitions it makes must not touch other tests). */
    private static final String MATCHERS = "sweep=\"sweep-only\"";

    private static final String MAPPING = "{\"dedupKey\":\"$.id\",\"title\":\"$.name\"}";
    /** A valid experiment whose one probe would fail at once (nothing listens on port 1). */
    private static final String EXPERIMENT = """
            {"title": "Sweep", "description": "d",
             "method": [{"type": "probe", "name": "p",
               "provider": {"type": "kintsugi", "func": "tcp_connect", "arguments": {"host": "127.0.0.1", "port": 1}}}]}""";

    @Autowired
    DataSource dataSource;

    @Autowired
    java.time.Clock clock;

    /** A time in a month, by the application's clock (silences and windows end at most a year ahead). */
    private String future(int days) {
        return clock.instant()
                .plus(java.time.Duration.ofDays(days))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
    }

    private static String definitionName() {
        return "sweep.squad." + unique("def").replace('-', '_');
    }

    record Case(String field, String kind, String body, boolean aboutField) {}

    record Failure(String operation, String field, String kind, String what) {
        @Override
        public String toString() {
            return operation + " " + (field == null ? "(body)" : field) + " [" + kind + "]: " + what;
        }
    }

    /** The real resources the path parameters point at. */
    record Fixtures(
            String team,
            String service,
            String user,
            String victim,
            String incident,
            long incidentEntry,
            long postmortem,
            long postmortemEntry,
            long countermeasure,
            JsonNode postmortemContent,
            long target,
            long experiment,
            long integration,
            long definition,
            long silence,
            String schedule,
            long override,
            String policy,
            long contactMethod) {}

    @Test
    void everyWriteOperationRefusesBadInputWithAProblemNamingTheFieldAndWritesNothing() throws Exception {
        ApiClient admin = apiAs(Role.ADMIN);
        Fixtures f = fixtures(admin);
        JsonNode docs = admin.get("/v3/api-docs").json();
        JsonNode schemas = docs.path("components").path("schemas");

        List<Failure> failures = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Map<String, ObjectNode> bases = new LinkedHashMap<>();
        int requests = 0;
        for (var path : docs.path("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                if (!Set.of("POST", "PUT", "PATCH", "DELETE").contains(method)
                        || !path.getKey().startsWith("/api/v1/")) {
                    continue;
                }
                String operation = method + " " + path.getKey();
                JsonNode content = op.getValue().path("requestBody").path("content");
                JsonNode schema = resolve(content.path("application/json").path("schema"), schemas);
                if (schema == null) {
                    skipped.add(
                            operation + ": no JSON body" + (content.has("multipart/form-data") ? " (multipart)" : ""));
                    continue;
                }
                String url = fill(path.getKey(), f);
                if (url.contains("{")) {
                    skipped.add(operation + ": unknown path parameter");
                    continue;
                }
                ObjectNode base = base(operation, schema, schemas, f);
                bases.put(method + " " + url, base);

                Map<String, Long> contentBefore = contents();
                boolean bodyRequired =
                        op.getValue().path("requestBody").path("required").asBoolean(false);
                for (Case c : cases(schema, schemas, base, bodyRequired)) {
                    Map<String, Long> countsBefore = counts();
                    ApiClient.Response r = admin.send(method, url, c.body());
                    requests++;
                    check(operation, c, r, failures);
                    Map<String, Long> countsAfter = counts();
                    if (!countsAfter.equals(countsBefore)) {
                        failures.add(new Failure(
                                operation, c.field(), c.kind(), "wrote rows in " + changed(countsBefore, countsAfter)));
                    }
                }
                Map<String, Long> contentAfter = contents();
                if (!contentAfter.equals(contentBefore)) {
                    failures.add(new Failure(
                            operation, null, "changed-rows", "changed " + changed(contentBefore, contentAfter)));
                }
            }
        }

        // Diagnostics for the harness itself (after the comparison, so these writes do not count): a base body the
        // server refuses makes "naming the field" failures of that operation suspect.
        List<String> refusedBases = new ArrayList<>();
        bases.forEach((request, base) -> {
            String[] parts = request.split(" ", 2);
            if (parts[1].endsWith("/runs")) {
                return; // a real chaos run would go on writing while other tests compare tables
            }
            ApiClient.Response r = admin.send(parts[0], parts[1], base.toString());
            // 409 is expected where an accepted bad request already created or moved the resource
            if (r.status() >= 400 && r.status() != 409) {
                refusedBases.add(request + " " + base + " -> " + r);
            }
        });

        String report = report(failures, skipped, refusedBases, requests);
        System.out.println(report);
        Files.writeString(Path.of("target", "bad-input-sweep.txt"), report);
        assertThat(requests).as("requests sent").isGreaterThan(500);
        assertThat(failures).as(report).isEmpty();
    }

    /** Hostile values of a numeric path parameter (none of them a real id). */
    private static final List<String> BAD_IDS =
            List.of("abc", "-1", "0", "1.5", "99999999999999999999", "9223372036854775807", "1e3", "%20");
    /** Hostile values of a name or key in a path (none of them a real name). */
    private static final List<String> BAD_NAMES = List.of("%20", "a".repeat(300), "%E2%80%AE", "%C3%28", "x%09y");

    @Test
    void everyPathParameterOfEveryOperationRefusesHostileValuesWithAProblemAndWritesNothing() throws Exception {
        ApiClient admin = apiAs(Role.ADMIN);
        Fixtures f = fixtures(admin);
        JsonNode docs = admin.get("/v3/api-docs").json();
        JsonNode schemas = docs.path("components").path("schemas");
        List<Failure> failures = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int requests = 0;
        for (var path : docs.path("paths").properties()) {
            if (!path.getKey().startsWith("/api/v1/") || !path.getKey().contains("{")) {
                continue;
            }
            for (var op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                String operation = method + " " + path.getKey();
                boolean writes = !method.equals("GET");
                JsonNode schema = resolve(
                        op.getValue()
                                .path("requestBody")
                                .path("content")
                                .path("application/json")
                                .path("schema"),
                        schemas);
                String body = schema == null
                        ? null
                        : base(operation, schema, schemas, f).toString();
                Map<String, Long> contentBefore = writes ? contents() : null;
                for (JsonNode parameter : op.getValue().path("parameters")) {
                    if (!parameter.path("in").asString().equals("path")) {
                        continue;
                    }
                    String name = parameter.path("name").asString();
                    String placeholder = "{" + name + "}";
                    String type = type(parameter.path("schema"));
                    List<String> values = type.equals("integer") || type.equals("number") ? BAD_IDS : BAD_NAMES;
                    for (String value : values) {
                        String url = fill(path.getKey().replace(placeholder, value), f);
                        if (url.contains("{")) {
                            skipped.add(operation + ": unknown path parameter besides " + name);
                            break;
                        }
                        String kind = "bad-path-" + type;
                        Map<String, Long> countsBefore = writes ? counts() : null;
                        ApiClient.Response r = admin.send(method, url, body);
                        requests++;
                        if (r.status() < 400 || r.status() >= 500) {
                            failures.add(new Failure(
                                    operation,
                                    name,
                                    kind,
                                    (r.status() >= 500 ? "answered " : "accepted with ") + r.status() + " for " + value
                                            + " " + brief(r.body())));
                        } else if (!r.contentType().startsWith("application/problem+json")) {
                            failures.add(new Failure(
                                    operation,
                                    name,
                                    kind,
                                    r.status() + " is not problem details for " + value + ": " + r.contentType()));
                        }
                        if (writes) {
                            Map<String, Long> countsAfter = counts();
                            if (!countsAfter.equals(countsBefore)) {
                                failures.add(new Failure(
                                        operation,
                                        name,
                                        kind,
                                        "wrote rows in " + changed(countsBefore, countsAfter) + " for " + value));
                            }
                        }
                    }
                }
                if (writes && !contents().equals(contentBefore)) {
                    failures.add(new Failure(operation, null, "bad-path", "changed rows"));
                }
            }
        }
        String report = report(failures, skipped, List.of(), requests);
        System.out.println(report);
        Files.writeString(Path.of("target", "bad-path-sweep.txt"), report);
        assertThat(requests).as("requests sent").isGreaterThan(300);
        assertThat(failures).as(report).isEmpty();
    }

    // ---- what is sent ----

    private List<Case> cases(JsonNode schema, JsonNode schemas, ObjectNode base, boolean bodyRequired) {
        List<Case> cases = new ArrayList<>();
        for (String malformed : List.of("{\"", "not json", "[]", "null", "", base + " {}", base + " x")) {
            // an optional body may be left out: no body (or JSON null) means the defaults
            if (bodyRequired || !(malformed.isEmpty() || malformed.equals("null"))) {
                cases.add(new Case(null, "malformed-json", malformed, false));
            }
        }
        fieldCases(schema, schemas, base, base, "", cases);
        return cases;
    }

    /** Cases for each property of {@code schema}, whose value lives in {@code holder} inside {@code root}. */
    private void fieldCases(
            JsonNode schema, JsonNode schemas, ObjectNode root, ObjectNode holder, String prefix, List<Case> cases) {
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        for (var property : schema.path("properties").properties()) {
            String name = property.getKey();
            String field = prefix + name;
            JsonNode p = property.getValue();
            JsonNode ref = resolve(p, schemas);
            Function<JsonNode, String> with = v -> {
                ObjectNode copy = root.deepCopy();
                ObjectNode target = prefix.isEmpty() ? copy : (ObjectNode) copy.get(prefix.replace(".", ""));
                target.set(name, v);
                return copy.toString()
                        .replace("\"" + LONE_SURROGATE + "\"", "\"\\ud800\"")
                        .replace(LONE_SURROGATE, "\\ud800");
            };
            if (required.contains(name)) {
                ObjectNode copy = root.deepCopy();
                ObjectNode target = prefix.isEmpty() ? copy : (ObjectNode) copy.get(prefix.replace(".", ""));
                target.remove(name);
                cases.add(new Case(field, "missing-required", copy.toString(), true));
                cases.add(new Case(field, "null-required", with.apply(NODES.nullNode()), true));
            }
            if (ref != null && ref.path("properties").size() > 0) {
                for (JsonNode wrong : List.of(NODES.stringNode("x"), array(NODES.numberNode(1)), NODES.numberNode(5))) {
                    cases.add(new Case(field, "wrong-type", with.apply(wrong), true));
                }
                if (prefix.isEmpty() && holder.get(name) instanceof ObjectNode nested) {
                    fieldCases(ref, schemas, root, nested, field + ".", cases);
                }
                continue;
            }
            String type = type(p);
            switch (type) {
                case "string" -> stringCases(p, field, with, cases);
                case "integer", "number" -> {
                    for (JsonNode wrong : List.of(
                            NODES.stringNode("12"), NODES.stringNode("abc"), NODES.booleanNode(true), object())) {
                        cases.add(new Case(field, "wrong-type", with.apply(wrong), true));
                    }
                    if (type.equals("integer")) {
                        cases.add(new Case(field, "wrong-type", with.apply(NODES.numberNode(1.5)), true));
                        cases.add(new Case(field, "out-of-range", with.apply(NODES.numberNode(1e20)), true));
                    }
                }
                case "boolean" -> {
                    for (JsonNode wrong :
                            List.of(NODES.stringNode("true"), NODES.numberNode(1), NODES.stringNode("yes"), object())) {
                        cases.add(new Case(field, "wrong-type", with.apply(wrong), true));
                    }
                }
                case "array" -> arrayCases(p, field, with, cases);
                default -> {
                    // an object without declared properties (free-form): only its type can be wrong
                    cases.add(new Case(field, "wrong-type", with.apply(array(NODES.numberNode(1))), true));
                }
            }
        }
    }

    private void stringCases(JsonNode p, String field, Function<JsonNode, String> with, List<Case> cases) {
        for (JsonNode wrong : List.of(NODES.numberNode(12345), NODES.booleanNode(true), object(), array(str("a")))) {
            cases.add(new Case(field, "wrong-type", with.apply(wrong), true));
        }
        String format = p.path("format").asString("");
        if (format.equals("date-time")) {
            for (String d : List.of("+999999999-12-31T00:00:00Z", "0000-01-01T00:00:00Z", "-000001-01-01T00:00:00Z")) {
                cases.add(new Case(field, "date-out-of-range", with.apply(str(d)), true));
            }
            cases.add(new Case(field, "wrong-type", with.apply(NODES.numberNode(20250101)), true));
            return;
        }
        if (format.equals("date")) {
            for (String d : List.of("+999999999-12-31", "0000-01-01", "-000001-01-01")) {
                cases.add(new Case(field, "date-out-of-range", with.apply(str(d)), true));
            }
            cases.add(new Case(field, "wrong-type", with.apply(NODES.numberNode(20250101)), true));
            return;
        }
        if (p.has("enum")) {
            String first = p.path("enum").get(0).asString();
            cases.add(new Case(field, "unknown-enum", with.apply(str("NOT_A_VALUE")), true));
            cases.add(new Case(field, "enum-ordinal", with.apply(NODES.numberNode(0)), true));
            cases.add(new Case(field, "enum-ordinal", with.apply(NODES.numberNode(2)), true));
            cases.add(new Case(field, "enum-padded", with.apply(str(first + "\u0000")), true));
            cases.add(new Case(field, "enum-padded", with.apply(str(" " + first + " ")), true));
            return;
        }
        int max = p.path("maxLength").asInt(-1);
        cases.add(new Case(field, "oversized", with.apply(str("a".repeat(max >= 0 ? max + 1 : 1_000_001))), true));
        for (String control : List.of("a\u0000b", "a\u0007b", "\u001b[31mred", "a\u007fb")) {
            cases.add(new Case(field, "control-character", with.apply(str(control)), true));
        }
        cases.add(new Case(field, "lone-surrogate", with.apply(str(LONE_SURROGATE)), true));
    }

    private void arrayCases(JsonNode p, String field, Function<JsonNode, String> with, List<Case> cases) {
        for (JsonNode wrong : List.of(str("x"), object(), NODES.numberNode(5))) {
            cases.add(new Case(field, "wrong-type", with.apply(wrong), true));
        }
        int max = p.path("maxItems").asInt(-1);
        ArrayNode big = NODES.arrayNode();
        for (int i = 0; i < (max >= 0 ? max + 1 : 10_001); i++) {
            big.add("item-" + i);
        }
        cases.add(new Case(field, "oversized", with.apply(big), true));
        ArrayNode withNull = NODES.arrayNode();
        withNull.addNull();
        cases.add(new Case(field, "null-element", with.apply(withNull), true));
        if ("string".equals(type(p.path("items")))) {
            cases.add(new Case(field, "control-character", with.apply(array(str("a\u0000b"))), true));
            cases.add(new Case(field, "wrong-type", with.apply(array(NODES.numberNode(7))), true));
        }
    }

    // ---- what is expected ----

    private static void check(String operation, Case c, ApiClient.Response r, List<Failure> failures) {
        if (r.status() >= 500) {
            failures.add(new Failure(operation, c.field(), c.kind(), "answered " + r.status() + " " + brief(r.body())));
            return;
        }
        if (r.status() < 400) {
            failures.add(new Failure(operation, c.field(), c.kind(), "accepted with " + r.status()));
            return;
        }
        if (!r.contentType().startsWith("application/problem+json")) {
            failures.add(new Failure(
                    operation, c.field(), c.kind(), r.status() + " is not problem details: " + r.contentType()));
            return;
        }
        if (c.aboutField() && r.status() == 400 && !names(r, c.field())) {
            failures.add(
                    new Failure(operation, c.field(), c.kind(), "400 does not name the field: " + brief(r.body())));
        }
    }

    /** The problem names the field: exactly, an element or member of it, or its last segment for a nested one. */
    private static boolean names(ApiClient.Response r, String field) {
        JsonNode problem = r.json();
        List<String> named = new ArrayList<>();
        if (problem.hasNonNull("field")) {
            named.add(problem.get("field").asString());
        }
        problem.path("errors").forEach(e -> {
            if (e.hasNonNull("field")) {
                named.add(e.get("field").asString());
            }
        });
        String last = field.substring(field.lastIndexOf('.') + 1);
        return named.stream()
                .anyMatch(n -> n.equals(field)
                        || n.startsWith(field + "[")
                        || n.startsWith(field + ".")
                        || (field.contains(".") && n.equals(last)));
    }

    // ---- bodies and paths ----

    private ObjectNode base(String operation, JsonNode schema, JsonNode schemas, Fixtures f) {
        ObjectNode base = NODES.objectNode();
        if (operation.equals("PUT /api/v1/postmortems/{id}")) {
            base.set("content", f.postmortemContent().deepCopy());
            return base;
        }
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        for (var property : schema.path("properties").properties()) {
            if (required.contains(property.getKey())) {
                base.set(property.getKey(), sample(operation, property.getKey(), property.getValue(), schemas, f));
            }
        }
        if (operation.equals("POST /api/v1/postmortems/{id}/countermeasures")) {
            base.put("ownerUser", f.user()); // an owner, a person or a team, is required beyond the schema
        }
        // required beyond the schema: a target's address, an integration's service or team
        if (operation.equals("POST /api/v1/services/{name}/chaos-targets")) {
            base.put("kind", "HTTP").put("url", SWEEP_URL);
        }
        if (operation.equals("POST /api/v1/alerting/integrations")) {
            base.put("service", f.service());
        }
        if (operation.equals("POST /api/v1/oncall/schedules/{name}/overrides")) {
            base.put("kind", "COVER")
                    .put("coveringUser", f.user())
                    .put("start", future(70))
                    .put("end", future(71));
        }
        return base;
    }

    private JsonNode sample(String operation, String name, JsonNode p, JsonNode schemas, Fixtures f) {
        if (name.equals("to")) {
            return str(operation.contains("/postmortems/") ? "IN_REVIEW" : "IDENTIFIED");
        }
        if (name.equals("origin")) {
            return str("NEAR_MISS");
        }
        if (name.equals("endsAt") || name.equals("end")) {
            return str(future(30));
        }
        if (p.has("enum")) {
            return str(p.path("enum").get(0).asString());
        }
        String format = p.path("format").asString("");
        if (format.equals("date-time")) {
            return str("2020-01-01T00:00:00Z");
        }
        if (format.equals("date")) {
            return str("2099-06-30");
        }
        return switch (type(p)) {
            case "boolean" -> NODES.booleanNode(false);
            case "integer", "number" -> NODES.numberNode(1);
            case "array" ->
                switch (name) {
                    case "services" -> array(str(f.service()));
                    case "members", "attendees" -> array(str(f.user()));
                    case "levels" -> {
                        ObjectNode level = NODES.objectNode();
                        level.put("type", "USER").put("target", f.user()).put("timeoutMinutes", 5);
                        yield array(level);
                    }
                    default -> NODES.arrayNode();
                };
            default ->
                switch (name) {
                    case "name" ->
                        str(operation.contains("/alerting/definitions") ? definitionName() : unique("sweep"));
                    case "definition" -> str(EXPERIMENT);
                    case "matchers" -> str(MATCHERS);
                    case "target" -> str("sweep@example.test");
                    case "service" -> str(f.service());
                    case "mapping" -> str(MAPPING);
                    case "sample" -> str("{\"id\":\"s-1\",\"name\":\"Sweep\"}");
                    case "username" -> operation.equals("POST /api/v1/users") ? str(unique("sweep")) : str(f.user());
                    case "ownerTeam" -> str(f.team());
                    case "team" -> str(f.team());
                    case "ownerUser", "commander" -> str(f.user());
                    case "password" -> str("correct-horse-battery-staple");
                    case "email" -> str("sweep@example.test");
                    case "timeZone" -> str("UTC");
                    case "locale" -> str("en");
                    case "severity" -> str("SEV3");
                    default -> str("Sweep " + name);
                };
        };
    }

    private static String fill(String path, Fixtures f) {
        String p = path.replace("{key}", f.incident())
                .replace("{role}", "scribe")
                .replace("{milestone}", "detected")
                .replace("{n}", "1")
                .replace("{number}", "1");
        if (p.startsWith("/api/v1/teams/")) {
            p = p.replace("{name}", f.team());
        } else if (p.startsWith("/api/v1/services/")) {
            p = p.replace("{name}", f.service());
        } else if (p.startsWith("/api/v1/users/")) {
            p = p.replace("{username}", f.victim()).replace("{id}", "1");
        } else if (p.startsWith("/api/v1/countermeasures/")) {
            p = p.replace("{id}", Long.toString(f.countermeasure()));
        } else if (p.startsWith("/api/v1/postmortems/")) {
            p = p.replace("{id}", Long.toString(f.postmortem()))
                    .replace("{entryId}", Long.toString(f.postmortemEntry()));
        } else if (p.startsWith("/api/v1/incidents/")) {
            p = p.replace("{entryId}", Long.toString(f.incidentEntry()));
        } else if (p.startsWith("/api/v1/experiments/")) {
            p = p.replace("{id}", Long.toString(f.experiment()));
        } else if (p.startsWith("/api/v1/alerting/integrations/")) {
            p = p.replace("{id}", Long.toString(f.integration()));
        } else if (p.startsWith("/api/v1/alerting/definitions/")) {
            p = p.replace("{id}", Long.toString(f.definition()));
        } else if (p.startsWith("/api/v1/alerting/silences/")) {
            p = p.replace("{id}", Long.toString(f.silence()));
        } else if (p.startsWith("/api/v1/oncall/schedules/")) {
            p = p.replace("{name}", f.schedule()).replace("{id}", Long.toString(f.override()));
        } else if (p.startsWith("/api/v1/oncall/escalation-policies/")) {
            p = p.replace("{name}", f.policy());
        } else if (p.startsWith("/api/v1/oncall/me/contact-methods/")) {
            p = p.replace("{id}", Long.toString(f.contactMethod()));
        }
        if (p.startsWith("/api/v1/services/")) {
            p = p.replace("{id}", Long.toString(f.target()));
        }
        if (p.startsWith("/api/v1/status-page/")) {
            p = p.replace("{service}", f.service()).replace("{id}", "1");
        }
        return p;
    }

    private Fixtures fixtures(ApiClient admin) {
        String user = createUser(unique("sweep-user"), Role.RESPONDER, "sweep-password-long");
        String team = unique("sweep-team");
        expect(
                admin.post(
                        "/api/v1/teams", Map.of("name", team, "displayName", "Sweep team", "members", List.of(user))),
                201);
        String service = unique("sweep-svc");
        expect(
                admin.post(
                        "/api/v1/services",
                        Map.of("name", service, "displayName", "Sweep", "tier", "TIER_3", "ownerTeam", team)),
                201);
        String victim = createUser(unique("sweep-victim"), Role.VIEWER, "sweep-password-long");
        String incident = expect(
                        admin.post(
                                "/api/v1/incidents",
                                Map.of("title", "Sweep incident", "severity", "SEV4", "services", List.of(service))),
                        201)
                .get("key")
                .asString();
        long incidentEntry = expect(
                        admin.post("/api/v1/incidents/" + incident + "/timeline", Map.of("body", "A sweep note")), 201)
                .get("id")
                .asLong();
        long postmortem = expect(
                        admin.post("/api/v1/postmortems", Map.of("origin", "NEAR_MISS", "title", "Sweep review")), 201)
                .get("id")
                .asLong();
        long postmortemEntry = expect(
                        admin.post(
                                "/api/v1/postmortems/" + postmortem + "/timeline",
                                Map.of("occurredAt", "2020-01-01T00:00:00Z", "body", "Sweep entry")),
                        201)
                .get("id")
                .asLong();
        long countermeasure = expect(
                        admin.post(
                                "/api/v1/postmortems/" + postmortem + "/countermeasures",
                                Map.of(
                                        "title",
                                        "Sweep countermeasure",
                                        "kind",
                                        "AUTOMATED_TEST",
                                        "dueDate",
                                        "2099-06-30",
                                        "ownerUser",
                                        user)),
                        201)
                .get("id")
                .asLong();
        JsonNode content =
                expect(admin.get("/api/v1/postmortems/" + postmortem), 200).get("content");
        long target = expect(
                        admin.post(
                                "/api/v1/services/" + service + "/chaos-targets",
                                Map.of("kind", "HTTP", "name", unique("sweep-target"), "url", SWEEP_URL)),
                        201)
                .get("id")
                .asLong();
        long experiment = expect(
                        admin.post(
                                "/api/v1/experiments", Map.of("definition", EXPERIMENT, "services", List.of(service))),
                        201)
                .get("id")
                .asLong();
        long integration = expect(
                        admin.post(
                                "/api/v1/alerting/integrations",
                                Map.of(
                                        "name",
                                        unique("sweep-integration"),
                                        "sourceType",
                                        "ALERTMANAGER",
                                        "service",
                                        service,
                                        "routing",
                                        "NOTIFY_ONLY")),
                        201)
                .get("id")
                .asLong();
        long definition = expect(
                        admin.post(
                                "/api/v1/alerting/definitions",
                                Map.of(
                                        "name",
                                        definitionName(),
                                        "ownerTeam",
                                        team,
                                        "matchers",
                                        MATCHERS,
                                        "runbook",
                                        "Look at the sweep.")),
                        201)
                .get("id")
                .asLong();
        long silence = expect(
                        admin.post(
                                "/api/v1/alerting/silences",
                                Map.of("matchers", MATCHERS, "endsAt", future(30), "comment", "sweep")),
                        201)
                .get("id")
                .asLong();
        String schedule = unique("sweep-schedule");
        expect(
                admin.post(
                        "/api/v1/oncall/schedules",
                        Map.of(
                                "name",
                                schedule,
                                "displayName",
                                "Sweep schedule",
                                "team",
                                team,
                                "timeZone",
                                "UTC",
                                "rotations",
                                List.of(Map.of(
                                        "key",
                                        "weekly",
                                        "layer",
                                        0,
                                        "participants",
                                        List.of(user),
                                        "start",
                                        "2026-01-05T09:00:00",
                                        "unit",
                                        "WEEKS",
                                        "length",
                                        1)))),
                201);
        long override = expect(
                        admin.post(
                                "/api/v1/oncall/schedules/" + schedule + "/overrides",
                                Map.of("kind", "COVER", "coveringUser", user, "start", future(60), "end", future(61))),
                        201)
                .get(0)
                .get("id")
                .asLong();
        String policy = unique("sweep-policy");
        expect(
                admin.post(
                        "/api/v1/oncall/escalation-policies",
                        Map.of(
                                "name",
                                policy,
                                "displayName",
                                "Sweep policy",
                                "team",
                                team,
                                "levels",
                                List.of(Map.of("type", "USER", "target", user, "timeoutMinutes", 5)))),
                201);
        long contactMethod = expect(
                        admin.post(
                                "/api/v1/oncall/me/contact-methods",
                                Map.of("channel", "EMAIL", "target", "sweep@example.test")),
                        201)
                .get("id")
                .asLong();
        return new Fixtures(
                team,
                service,
                user,
                victim,
                incident,
                incidentEntry,
                postmortem,
                postmortemEntry,
                countermeasure,
                content,
                target,
                experiment,
                integration,
                definition,
                silence,
                schedule,
                override,
                policy,
                contactMethod);
    }

    private static JsonNode expect(ApiClient.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r.json();
    }

    // ---- the database, before and after ----

    /** Row count of every application table, in one query. */
    private Map<String, Long> counts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            List<String> tables = tables(c);
            String sql = tables.stream()
                    .map(t -> "(select count(*) from " + t + ")")
                    .collect(Collectors.joining(", ", "select ", ""));
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                for (int i = 0; i < tables.size(); i++) {
                    counts.put(tables.get(i), rs.getLong(i + 1));
                }
            }
        }
        return counts;
    }

    /** An order-independent fingerprint of every application table's rows, volatile columns left out. */
    private Map<String, Long> contents() throws SQLException {
        Map<String, Long> hashes = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String table : tables(c)) {
                long hash = 0;
                try (ResultSet rs = s.executeQuery("select * from " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            if (!VOLATILE_COLUMNS.contains(
                                    rs.getMetaData().getColumnName(i).toLowerCase())) {
                                row.append(rs.getString(i)).append('\u0001');
                            }
                        }
                        hash += row.toString().hashCode() * 31L + row.length();
                    }
                }
                hashes.put(table, hash);
            }
        }
        return hashes;
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase();
                if (!VOLATILE_TABLES.contains(name)) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    private static String changed(Map<String, Long> before, Map<String, Long> after) {
        return after.keySet().stream()
                .filter(t -> !after.get(t).equals(before.get(t)))
                .collect(Collectors.joining(", "));
    }

    // ---- helpers ----

    private static String report(List<Failure> failures, List<String> skipped, List<String> refusedBases, int n) {
        StringBuilder out = new StringBuilder();
        out.append("Bad-input sweep: ")
                .append(n)
                .append(" requests, ")
                .append(failures.size())
                .append(" failures\n\nBy kind:\n");
        failures.stream()
                .collect(Collectors.groupingBy(
                        fl -> String.format("%-18s %s", fl.kind(), outcome(fl.what())),
                        TreeMap::new,
                        Collectors.counting()))
                .forEach((k, v) -> out.append(String.format("  %5d  %s%n", v, k)));
        out.append("\nBy operation:\n");
        failures.stream()
                .collect(Collectors.groupingBy(Failure::operation, TreeMap::new, Collectors.toList()))
                .forEach((op, list) -> {
                    out.append("  ").append(op).append(" (").append(list.size()).append(")\n");
                    list.forEach(fl -> out.append("      ")
                            .append(fl.field() == null ? "(body)" : fl.field())
                            .append(" [")
                            .append(fl.kind())
                            .append("] ")
                            .append(fl.what())
                            .append('\n'));
                });
        out.append("\nNot swept (no JSON body; covered by their own tests):\n");
        skipped.forEach(s -> out.append("  ").append(s).append('\n'));
        if (!refusedBases.isEmpty()) {
            out.append("\nBase bodies the server refused (field-naming failures of these may be the harness's):\n");
            refusedBases.forEach(s -> out.append("  ").append(s).append('\n'));
        }
        return out.toString();
    }

    private static String outcome(String what) {
        if (what.startsWith("accepted")) {
            return "accepted (2xx)";
        }
        if (what.startsWith("answered")) {
            return "server error (5xx)";
        }
        if (what.startsWith("wrote rows")) {
            return "wrote rows";
        }
        if (what.startsWith("changed")) {
            return "changed rows";
        }
        if (what.contains("does not name")) {
            return "400 not naming the field";
        }
        return "4xx not problem details";
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        if (schema == null || schema.isMissingNode()) {
            return null;
        }
        JsonNode ref = schema.path("$ref");
        if (ref.isMissingNode()) {
            JsonNode all = schema.path("allOf");
            return all.isArray() && all.size() == 1 ? resolve(all.get(0), schemas) : null;
        }
        return schemas.path(ref.asString().substring("#/components/schemas/".length()));
    }

    private static String type(JsonNode p) {
        JsonNode t = p.path("type");
        if (t.isArray()) {
            for (JsonNode x : t) {
                if (!x.asString().equals("null")) {
                    return x.asString();
                }
            }
        }
        return t.asString("object");
    }

    private static JsonNode str(String s) {
        return NODES.stringNode(s);
    }

    private static ObjectNode object() {
        ObjectNode o = NODES.objectNode();
        o.put("x", 1);
        return o;
    }

    private static ArrayNode array(JsonNode element) {
        ArrayNode a = NODES.arrayNode();
        a.add(element);
        return a;
    }

    private static String brief(String body) {
        String oneLine = body == null ? "" : body.replaceAll("\\s+", " ");
        return oneLine.length() > 160 ? oneLine.substring(0, 160) + "…" : oneLine;
    }
}
