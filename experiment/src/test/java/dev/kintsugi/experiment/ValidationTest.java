package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class ValidationTest {

    private static Validator.Result validate(ObjectNode experiment, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Variables variables = Variables.resolve(experiment, env, Map.of(), Map.of(), problems);
        Validator.Result result = Validator.validate(experiment, variables);
        problems.addAll(result.problems());
        return new Validator.Result(problems, result.warnings());
    }

    @Test
    void walkthroughJsonAndYamlAreTheSameExperimentAndAreRefusedForTheirPythonProbesOnly() throws Exception {
        ObjectNode json = Fixtures.experiment("ctk-walkthrough-expired-cert.json");
        ObjectNode yaml = Fixtures.experiment("ctk-walkthrough-expired-cert.yaml");
        assertThat(yaml.path("title")).isEqualTo(json.path("title"));
        assertThat(yaml.path("rollbacks")).isEqualTo(json.path("rollbacks"));

        for (ObjectNode experiment : List.of(json, yaml)) {
            Validator.Result result = validate(experiment, Map.of());
            assertThat(result.problems())
                    .hasSize(2)
                    .allSatisfy(p -> assertThat(p).contains("python provider").contains("cannot run on the JVM"))
                    .anySatisfy(p -> assertThat(p).contains("the-astre-service-must-be-running"))
                    .anySatisfy(p -> assertThat(p).contains("the-sunset-service-must-be-running"));
            // the refs in its rollbacks resolve: no problem about them
            assertThat(validate(Fixtures.withoutPython(experiment), Map.of()).problems())
                    .isEmpty();
        }
    }

    @Test
    void lab2IsRefusedForEachPythonActivityAndItsJsonPathToleranceIsAccepted() throws Exception {
        Validator.Result result = validate(Fixtures.experiment("ctk-demos-lab2-latency-jsonpath.json"), Map.of());
        assertThat(result.problems())
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("'inject-latency'").contains("chaosk8s.crd.actions"))
                .anySatisfy(p -> assertThat(p).contains("'fetch-application-logs'"))
                .anySatisfy(p -> assertThat(p).contains("'remove-latency'"));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("vegeta"));
    }

    @Test
    void checkFileExistsIsRefusedForItsPythonProbe() throws Exception {
        Validator.Result result = validate(Fixtures.experiment("ctk-check-file-exists-process.json"), Map.of());
        assertThat(result.problems()).singleElement().asString().contains("'check-file-exists'", "os.path.exists");
    }

    @Test
    void experimentsInsideTheJournalFixturesValidateOrAreRefusedForTheRightReason() throws Exception {
        ObjectNode redis = (ObjectNode)
                Fixtures.experiment("ctk-journal-redis-completed.json").get("experiment");
        assertThat(validate(redis, Map.of()).problems()).isEmpty();

        ObjectNode k8s = (ObjectNode)
                Fixtures.experiment("ctk-journal-k8s-deviated.json").get("experiment");
        assertThat(validate(k8s, Map.of()).problems())
                .anySatisfy(p -> assertThat(p).contains("FRONTEND_URL").contains("no default"))
                .anySatisfy(p -> assertThat(p).contains("python provider"));
        assertThat(validate(k8s, Map.of("FRONTEND_URL", "http://localhost:1")).problems())
                .noneSatisfy(p -> assertThat(p).contains("FRONTEND_URL"));
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        assertThatThrownBy(() -> ExperimentLoader.parse("{\n  \"title\": \"x\",\n  \"method\": [,]\n}", "bad.json"))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageContaining("malformed JSON at line 3, column");
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        assertThatThrownBy(() ->
                        ExperimentLoader.parse("title: x\nmethod:\n  - name: a\n   type: [unclosed\n", "bad.yaml"))
                .isInstanceOf(InvalidExperimentException.class)
                .hasMessageMatching("(?s).*malformed YAML at line \\d+, column \\d+.*");
    }

    @Test
    void missingFieldsUnknownRefAndUnsetVariablesAreAllReported() throws Exception {
        ObjectNode experiment = ExperimentLoader.parse("""
                {"steady-state-hypothesis": {"title": "t", "probes": [
                   {"type": "probe", "name": "p", "provider": {"type": "http", "url": "${base}/health"}}]},
                 "method": [{"type": "action", "provider": {"type": "process", "path": "true"}},
                            {"ref": "nope"}],
                 "rollbacks": [{"type": "action", "name": "r", "provider": {"type": "http"}}]}
                """, "e.json");
        assertThat(validate(experiment, Map.of()).problems())
                .anySatisfy(p -> assertThat(p).contains("requires a 'title'"))
                .anySatisfy(p -> assertThat(p).contains("requires a 'description'"))
                .anySatisfy(p -> assertThat(p).contains("'p' must have a 'tolerance'"))
                .anySatisfy(p -> assertThat(p).contains("${base}").contains("has no value"))
                .anySatisfy(p -> assertThat(p).contains("an activity requires a 'name'"))
                .anySatisfy(p -> assertThat(p).contains("unknown activity ref 'nope'"))
                .anySatisfy(p -> assertThat(p).contains("'r'").contains("requires a 'url'"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\": \"regex\", \"pattern\": \"(\"}",
                "{\"type\": \"range\", \"range\": [1]}",
                "{\"type\": \"jsonpath\"}",
                "{\"type\": \"what\"}",
                "1.5"
            })
    void badTolerancesAreRefused(String tolerance) throws Exception {
        ObjectNode experiment = ExperimentLoader.parse("""
                {"title": "t", "description": "d",
                 "steady-state-hypothesis": {"title": "t", "probes": [
                   {"type": "probe", "name": "p", "tolerance": %s,
                    "provider": {"type": "process", "path": "true"}}]},
                 "method": [{"type": "action", "name": "a", "provider": {"type": "process", "path": "true"}}]}
                """.formatted(tolerance), "e.json");
        assertThat(validate(experiment, Map.of()).problems())
                .singleElement()
                .asString()
                .contains("tolerance");
    }

    @Test
    void configurationFromEnvironmentDefaultsAndOverrides() throws Exception {
        ObjectNode experiment = Fixtures.experiment("ctk-demos-lab2-latency-jsonpath.json");
        List<String> problems = new ArrayList<>();
        Variables defaults = Variables.resolve(experiment, Map.of(), Map.of(), Map.of(), problems);
        assertThat(defaults.get("front_url").asText()).isEqualTo("http://localhost:30080/");
        Variables env = Variables.resolve(experiment, Map.of("FRONT_URL", "http://x/"), Map.of(), Map.of(), problems);
        assertThat(env.substitute(ExperimentLoader.JSON.readTree("\"${front_url}api\""))
                        .asText())
                .isEqualTo("http://x/api");
        Variables cli = Variables.resolve(
                experiment,
                Map.of("FRONT_URL", "http://x/"),
                Map.of("front_url", ExperimentLoader.JSON.getNodeFactory().textNode("http://cli/")),
                Map.of(),
                problems);
        assertThat(cli.get("front_url").asText()).isEqualTo("http://cli/");
        assertThat(problems).isEmpty();
    }

    @Test
    void aNativePythonFunctionIsCheckedAsPythonWouldBindItsArguments() throws Exception {
        var experiment = ExperimentLoader.parse("""
                {"title": "t", "description": "d",
                 "method": [{"type": "action", "name": "slow-eds",
                   "provider": {"type": "python", "module": "chaostoxi.toxic.actions",
                                "func": "create_latency_toxic",
                                "arguments": {"for_proxy": "eds", "toxic_name": "lag", "latncy": 100}}}]}
                """, "typo.json");
        assertThat(validate(experiment, Map.of()).problems())
                .containsExactlyInAnyOrder(
                        "method activity 'slow-eds': chaostoxi.toxic.actions.create_latency_toxic requires the"
                                + " argument 'latency'",
                        "method activity 'slow-eds': chaostoxi.toxic.actions.create_latency_toxic has no argument"
                                + " 'latncy' (its arguments: [for_proxy, jitter, latency, toxic_name])");
    }
}
