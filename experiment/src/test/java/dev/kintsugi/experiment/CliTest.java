package dev.kintsugi.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.experiment.cli.KintsugiChaos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {}

    static Outcome cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = KintsugiChaos.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void validateExitsZeroForAValidExperiment() throws Exception {
        String redis = ExperimentLoader.JSON.writeValueAsString(
                Fixtures.experiment("ctk-journal-redis-completed.json").get("experiment"));
        Outcome o = cli("validate", Fixtures.write(dir, "redis.json", redis).toString());
        assertThat(o.code()).isZero();
        assertThat(o.out()).contains("experiment is valid");
    }

    @Test
    void validateExitsTwoAndNamesEachPythonActivity() throws Exception {
        Path file = Fixtures.write(dir, "walkthrough.yaml", Fixtures.text("ctk-walkthrough-expired-cert.yaml"));
        Outcome o = cli("validate", file.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err())
                .contains("nothing ran")
                .contains("the-astre-service-must-be-running")
                .contains("the-sunset-service-must-be-running");
    }

    @Test
    void malformedFilesUnknownRefsAndUnsetVariablesExitTwoAndRunNothing() throws Exception {
        Path marker = dir.resolve("ran");
        String touch = "{\"type\": \"action\", \"name\": \"touch\", \"provider\": {\"type\": \"process\","
                + " \"path\": \"touch\", \"arguments\": \"" + marker + "\"}}";
        Path malformed = Fixtures.write(dir, "m.json", "{\"title\": \"t\",\n \"method\": [" + touch + ",]}");
        Path malformedYaml = Fixtures.write(dir, "m.yaml", "title: t\nmethod: [\n  - a: b\n  c: {\n");
        Path unknownRef = Fixtures.write(
                dir,
                "r.json",
                "{\"title\": \"t\", \"description\": \"d\", \"method\": [" + touch + ", {\"ref\": \"nope\"}]}");
        Path unsetVar = Fixtures.write(
                dir,
                "v.json",
                "{\"title\": \"t\", \"description\": \"d\", \"method\": ["
                        + touch + ", {\"type\": \"probe\", \"name\": \"p\", \"provider\": {\"type\": \"http\","
                        + " \"url\": \"${where}\"}}]}");
        Path missing = Fixtures.write(dir, "f.json", "{\"title\": \"t\", \"method\": [" + touch + "]}");

        Outcome o = cli(
                "run",
                malformed.toString(),
                "--journal-path",
                dir.resolve("j.json").toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("malformed JSON at line 2, column");
        o = cli("run", malformedYaml.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).containsPattern("malformed YAML at line \\d+, column \\d+");
        o = cli("run", unknownRef.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("unknown activity ref 'nope'");
        o = cli("run", unsetVar.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("${where}");
        o = cli("run", missing.toString());
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("requires a 'description'");
        o = cli("run", dir.resolve("absent.json").toString());
        assertThat(o.code()).isEqualTo(2);
        o = cli("run", unsetVar.toString(), "--rollback-strategy", "sometimes");
        assertThat(o.code()).isEqualTo(2);
        o = cli("run", "--no-such-option");
        assertThat(o.code()).isEqualTo(2);

        assertThat(marker).doesNotExist();
        assertThat(dir.resolve("j.json")).doesNotExist();
        assertThat(Files.exists(Path.of("journal.json"))).isFalse();
    }

    @Test
    void runPrintsProgressWritesTheJournalAndExitsZeroOrOne() throws Exception {
        try (TestHttpServer app = new TestHttpServer()) {
            Path experiment = Fixtures.write(dir, "e.yaml", """
                    title: health holds
                    description: d
                    configuration:
                      base: {type: env, key: KINTSUGI_TEST_UNSET_VARIABLE}
                    steady-state-hypothesis:
                      title: healthy
                      probes:
                      - {type: probe, name: health, tolerance: 200, provider: {type: http, url: "${base}/health"}}
                    method:
                    - {type: action, name: noop, provider: {type: process, path: "true"}}
                    """);
            Path journal = dir.resolve("journal.json");
            Outcome o = cli(
                    "run", experiment.toString(), "--journal-path", journal.toString(), "--var", "base=" + app.url(""));
            assertThat(o.code()).as(o.err()).isZero();
            assertThat(o.out()).contains("Steady state hypothesis: healthy", "Action: noop", "Probe: health");
            assertThat(ExperimentLoader.JSON
                            .readTree(journal.toFile())
                            .path("status")
                            .asText())
                    .isEqualTo("completed");

            app.status.set(500);
            Path varFile = Fixtures.write(dir, "vars.json", "{\"configuration\": {\"base\": \"" + app.url("") + "\"}}");
            o = cli(
                    "run",
                    experiment.toString(),
                    "--journal-path",
                    journal.toString(),
                    "--var-file",
                    varFile.toString());
            assertThat(o.code()).isEqualTo(1);
            assertThat(ExperimentLoader.JSON
                            .readTree(journal.toFile())
                            .path("status")
                            .asText())
                    .isEqualTo("failed");
        }
    }
}
