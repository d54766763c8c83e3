package dev.kintsugi.experiment.provider;

import dev.kintsugi.experiment.Fault;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kintsugi.start_process} starts a process the experiment owns, by {@code name}; {@code
 * kintsugi.signal_process} sends it TERM, KILL, STOP or CONT. A stopped process is a fault (CONT undoes it); a
 * process still running after the rollbacks is terminated, so an experiment never leaves its processes behind.
 */
final class Processes {

    private Processes() {}

    static JsonNode start(JsonNode args, RunContext context) throws ActivityFailedException, InterruptedException {
        String name = args.path("name").asText();
        String path = ProcessProvider.resolve(args.path("path").asText());
        if (path == null) {
            throw new ActivityFailedException("path '" + args.path("path").asText() + "' cannot be found");
        }
        List<String> command = new ArrayList<>();
        command.add(path);
        command.addAll(ProcessProvider.arguments(args.path("arguments")));
        try {
            Process process = ProcessProvider.environment(
                            new ProcessBuilder(command)
                                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))),
                            context)
                    .start();
            context.processStarted(name, process);
            // the process exists before a listener can hear of it: a host that refuses it gets it stopped at once
            Fault fault = new Fault(
                    "process-started:" + name,
                    Fault.KIND_PROCESS_STARTED,
                    "process " + name,
                    Map.of("name", name, "pid", Long.toString(process.pid())),
                    null);
            try {
                context.injecting(fault, () -> stop(process), null);
            } catch (ActivityFailedException refused) {
                stop(process);
                throw refused;
            }
            context.injected(fault.key());
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("name", name);
            out.put("pid", process.pid());
            return out;
        } catch (IOException e) {
            throw new ActivityFailedException("cannot start " + command + ": " + e.getMessage(), e);
        }
    }

    static JsonNode signal(JsonNode args, RunContext context) throws ActivityFailedException, InterruptedException {
        String name = args.path("name").asText();
        String signal =
                args.path("signal").asText("TERM").toUpperCase(Locale.ROOT).replaceFirst("^SIG", "");
        Process process = context.process(name);
        if (process == null) {
            throw new ActivityFailedException("no process named '" + name + "' was started by this experiment");
        }
        Fault stopped = new Fault(
                "process-stopped:" + name,
                Fault.KIND_PROCESS_STOPPED,
                "process " + name + " stopped",
                Map.of("name", name, "pid", Long.toString(process.pid())),
                null);
        String key = stopped.key();
        if (signal.equals("STOP")) {
            // registered before the signal, so an interruption right after it still resumes the process
            context.injecting(stopped, () -> kill("CONT", process.pid()), null);
        }
        switch (signal) {
            case "TERM" -> process.destroy();
            case "KILL" -> process.destroyForcibly();
            case "STOP", "CONT" -> kill(signal, process.pid());
            default -> throw new ActivityFailedException("signal " + signal + " is not one of TERM, KILL, STOP, CONT");
        }
        if (signal.equals("STOP")) {
            context.injected(key);
        } else {
            context.removed(key);
        }
        if (signal.equals("TERM") || signal.equals("KILL")) {
            context.removed("process-started:" + name);
        }
        if (signal.equals("TERM") || signal.equals("KILL")) {
            process.waitFor(args.path("wait_seconds").asLong(5), TimeUnit.SECONDS);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("pid", process.pid());
        out.put("signal", signal);
        out.put("alive", process.isAlive());
        return out;
    }

    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void kill(String signal, long pid) throws ActivityFailedException, InterruptedException {
        try {
            int status = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (status != 0) {
                throw new ActivityFailedException("kill -" + signal + " " + pid + " exited with " + status);
            }
        } catch (IOException e) {
            throw new ActivityFailedException("cannot send " + signal + " to " + pid + ": " + e.getMessage(), e);
        }
    }
}
