package dev.kintsugi.experiment.cli;

import dev.kintsugi.experiment.Dry;
import dev.kintsugi.experiment.ExperimentLoader;
import dev.kintsugi.experiment.InvalidExperimentException;
import dev.kintsugi.experiment.JUnitReport;
import dev.kintsugi.experiment.Journal;
import dev.kintsugi.experiment.ProgressListener;
import dev.kintsugi.experiment.RunOptions;
import dev.kintsugi.experiment.RunResult;
import dev.kintsugi.experiment.Runner;
import dev.kintsugi.experiment.Validator;
import dev.kintsugi.experiment.Variables;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kintsugi-chaos}: runs and validates Chaos Toolkit experiments. Exit codes: 0 the hypothesis held, 1 it
 * deviated or the run failed, 2 the experiment (or the command line) is invalid and nothing ran.
 */
@Command(
        name = "kintsugi-chaos",
        mixinStandardHelpOptions = true,
        versionProvider = KintsugiChaos.Version.class,
        description = "Runs Chaos Toolkit experiments safely: rollbacks always run after a failed, deviated or"
                + " interrupted run, and every fault carries a lease.",
        subcommands = {KintsugiChaos.Run.class, KintsugiChaos.Validate.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the steady-state hypothesis held",
            "1:the hypothesis deviated or the run failed",
            "2:the experiment or the command line is invalid; nothing ran"
        })
public final class KintsugiChaos implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return INVALID;
    }

    public static void main(String[] args) {
        int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs the command line; returns the exit code (the tests call this in-process). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new KintsugiChaos());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(e -> INVALID);
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = KintsugiChaos.class.getPackage().getImplementationVersion();
            return new String[] {"kintsugi-chaos " + (v == null ? "dev" : v)};
        }
    }

    @Command(name = "validate", description = "Checks an experiment without running anything.")
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "EXPERIMENT", description = "a Chaos Toolkit experiment, JSON or YAML")
        Path experiment;

        @CommandLine.Mixin
        VariableOptions vars;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                ObjectNode loaded = ExperimentLoader.load(experiment);
                List<String> problems = new ArrayList<>();
                VariableValues values = vars.values();
                Variables variables =
                        Variables.resolve(loaded, System.getenv(), values.configuration, values.secrets, problems);
                Validator.Result result = Validator.validate(loaded, variables);
                problems.addAll(result.problems());
                result.warnings().forEach(w -> err.println("warning: " + w));
                if (!problems.isEmpty()) {
                    throw new InvalidExperimentException(problems);
                }
                out.println("experiment is valid: " + loaded.path("title").asText());
                return OK;
            } catch (InvalidExperimentException e) {
                printInvalid(err, experiment, e);
                return INVALID;
            }
        }
    }

    static void printInvalid(PrintWriter err, Path experiment, InvalidExperimentException e) {
        err.println("experiment " + experiment + " is invalid; nothing ran:");
        e.problems().forEach(p -> err.println("  - " + p));
    }

    /** {@code --var} and {@code --var-file}, shared by both commands. */
    static final class VariableOptions {
        @Option(
                names = "--var",
                paramLabel = "KEY[:TYPE]=VALUE",
                description = "a configuration value (TYPE: str, int, float, bool, json); overrides the experiment")
        List<String> vars = new ArrayList<>();

        @Option(
                names = "--var-file",
                paramLabel = "FILE",
                description = "JSON/YAML with 'configuration' and 'secrets' objects, or a .env file of KEY=VALUE")
        List<Path> varFiles = new ArrayList<>();

        VariableValues values() throws InvalidExperimentException {
            VariableValues v = new VariableValues();
            for (Path file : varFiles) {
                readVarFile(file, v);
            }
            for (String var : vars) {
                int eq = var.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidExperimentException("--var " + var + ": expected KEY=VALUE");
                }
                String key = var.substring(0, eq);
                String type = "str";
                int colon = key.indexOf(':');
                if (colon > 0) {
                    type = key.substring(colon + 1);
                    key = key.substring(0, colon);
                }
                v.configuration.put(key, typed(var.substring(eq + 1), type));
            }
            return v;
        }

        private static void readVarFile(Path file, VariableValues v) throws InvalidExperimentException {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".env")) {
                try {
                    for (String line : Files.readAllLines(file)) {
                        String l = line.strip();
                        if (l.isEmpty() || l.startsWith("#") || !l.contains("=")) {
                            continue;
                        }
                        if (l.startsWith("export ")) {
                            l = l.substring(7).strip();
                        }
                        String value = l.substring(l.indexOf('=') + 1).strip();
                        if (value.length() >= 2
                                && (value.startsWith("\"") && value.endsWith("\"")
                                        || value.startsWith("'") && value.endsWith("'"))) {
                            value = value.substring(1, value.length() - 1);
                        }
                        v.configuration.put(l.substring(0, l.indexOf('=')).strip(), typed(value, "str"));
                    }
                } catch (IOException e) {
                    throw new InvalidExperimentException("cannot read var file " + file + ": " + e.getMessage());
                }
                return;
            }
            ObjectNode root = ExperimentLoader.load(file);
            boolean structured = root.has("configuration") || root.has("secrets");
            JsonNode config = structured ? root.path("configuration") : root;
            config.properties().forEach(e -> v.configuration.put(e.getKey(), e.getValue()));
            root.path("secrets").properties().forEach(scope -> {
                if (scope.getValue().isObject()) {
                    scope.getValue().properties().forEach(e -> v.secrets.put(e.getKey(), e.getValue()));
                } else {
                    v.secrets.put(scope.getKey(), scope.getValue());
                }
            });
        }

        private static JsonNode typed(String raw, String type) {
            try {
                return switch (type) {
                    case "int" -> ExperimentLoader.JSON.getNodeFactory().numberNode(Long.parseLong(raw));
                    case "float" -> ExperimentLoader.JSON.getNodeFactory().numberNode(Double.parseDouble(raw));
                    case "bool" -> ExperimentLoader.JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(raw));
                    case "json" -> ExperimentLoader.JSON.readTree(raw);
                    default -> ExperimentLoader.JSON.getNodeFactory().textNode(raw);
                };
            } catch (Exception e) {
                return ExperimentLoader.JSON.getNodeFactory().textNode(raw);
            }
        }
    }

    static final class VariableValues {
        final Map<String, JsonNode> configuration = new LinkedHashMap<>();
        final Map<String, JsonNode> secrets = new HashMap<>();
    }

    @Command(name = "run", description = "Runs an experiment and writes its journal.")
    static final class Run implements Callable<Integer> {
        @Parameters(paramLabel = "EXPERIMENT", description = "a Chaos Toolkit experiment, JSON or YAML")
        Path experiment;

        @Option(names = "--journal-path", defaultValue = "journal.json", description = "default: ${DEFAULT-VALUE}")
        Path journalPath;

        @Option(
                names = "--junit",
                paramLabel = "FILE",
                description = "also write the run as JUnit XML (a test case per probe, activity and rollback)")
        Path junit;

        @CommandLine.Mixin
        VariableOptions vars;

        @Option(names = "--dry", paramLabel = "actions|probes|activities|pause", description = "skip these")
        String dry;

        @Option(names = "--rollback-strategy", paramLabel = "default|always|never|deviated")
        String rollbackStrategy;

        @Option(
                names = "--hypothesis-strategy",
                paramLabel = "STRATEGY",
                description = "default, before-method-only, after-method-only, during-method-only, continuously")
        String hypothesisStrategy;

        @Option(
                names = "--hypothesis-frequency",
                paramLabel = "SECONDS",
                description = "how often the hypothesis runs during the method")
        Double frequency;

        @Option(names = "--fail-fast", description = "stop the method at the first deviation (on by default)")
        Boolean failFast;

        @Option(
                names = "--lease-margin",
                paramLabel = "SECONDS",
                defaultValue = "60",
                description = "added to the run's expected end for every fault's lease (default: ${DEFAULT-VALUE})")
        double leaseMargin;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Runner runner;
            try {
                ObjectNode loaded = ExperimentLoader.load(experiment);
                VariableValues values = vars.values();
                Dry dryMode = Dry.NONE;
                if (dry != null) {
                    try {
                        dryMode = Dry.valueOf(dry.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidExperimentException(
                                "--dry " + dry + ": expected actions, probes, activities or pause");
                    }
                }
                RunOptions options = RunOptions.defaults()
                        .withDry(dryMode)
                        .withStrategies(rollbackStrategy, hypothesisStrategy, frequency, failFast)
                        .withVariables(System.getenv(), values.configuration, values.secrets)
                        .withLeaseMargin(Duration.ofMillis((long) (leaseMargin * 1000)))
                        .withListener(new TerminalProgress(out));
                runner = Runner.prepare(loaded, options);
            } catch (InvalidExperimentException e) {
                printInvalid(err, experiment, e);
                return INVALID;
            }
            // Ctrl-C and SIGTERM run shutdown hooks: stop the method, let the rollbacks and the journal finish, then
            // let the JVM exit. (SIGKILL runs nothing: the faults' leases cover that case.)
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
            Thread hook = new Thread(
                    () -> {
                        if (done.getCount() > 0) {
                            runner.interrupt("interrupted by a signal (Ctrl-C or SIGTERM)");
                            try {
                                done.await(5, java.util.concurrent.TimeUnit.MINUTES);
                            } catch (InterruptedException ignored) {
                                // exiting anyway
                            }
                        }
                        out.flush();
                    },
                    "kintsugi-chaos-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            RunResult result;
            try {
                result = runner.run();
                try {
                    Journal.write(result.journal(), journalPath);
                    out.println("Journal written to " + journalPath);
                } catch (IOException e) {
                    err.println("cannot write the journal to " + journalPath + ": " + e.getMessage());
                }
                if (junit != null) {
                    try {
                        JUnitReport.write(result.journal(), junit);
                        out.println("JUnit report written to " + junit);
                    } catch (IOException e) {
                        err.println("cannot write the JUnit report to " + junit + ": " + e.getMessage());
                    }
                }
            } finally {
                done.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for us
            }
            return result.exitCode();
        }
    }

    /** Prints one line per step, as Chaos Toolkit does. */
    static final class TerminalProgress implements ProgressListener {
        private final PrintWriter out;

        TerminalProgress(PrintWriter out) {
            this.out = out;
        }

        private void line(String text) {
            synchronized (out) {
                out.println("[" + Journal.timestamp(Instant.now()).substring(0, 19) + "] " + text);
                out.flush();
            }
        }

        @Override
        public void phase(String text) {
            line(text);
        }

        @Override
        public void activityStarted(String section, JsonNode activity) {
            String kind = "action".equals(activity.path("type").asText()) ? "Action" : "Probe";
            line(("method".equals(section) ? "" : capitalize(section) + " ") + kind + ": "
                    + activity.path("name").asText());
        }

        @Override
        public void activityFinished(String section, JsonNode run) {
            if ("failed".equals(run.path("status").asText())) {
                line("  failed: " + run.path("exception").path(0).asText());
            }
        }

        private static String capitalize(String s) {
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
    }
}
