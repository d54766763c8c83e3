package dev.kintsugi.experiment.provider;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chaos Toolkit's {@code process} provider: runs {@code path} with {@code arguments} (a string split like a POSIX
 * shell would, a list, or an object of options) without a shell. Output {@code {status, stdout, stderr}}; a non-zero
 * exit status is an output, not a failure, as in Chaos Toolkit. The process is killed on timeout or interruption.
 */
public final class ProcessProvider implements Provider {

    @Override
    public void check(String label, JsonNode provider, List<String> problems, List<String> warnings) {
        if (!provider.path("path").isTextual() || provider.path("path").asText().isBlank()) {
            problems.add(label + ": the process provider requires a 'path'");
            return;
        }
        String path = provider.path("path").asText();
        if (!path.contains("${") && resolve(path) == null) {
            warnings.add(label + ": executable '" + path + "' is not found on this machine's PATH");
        }
    }

    @Override
    public JsonNode run(JsonNode provider, RunContext context) throws ActivityFailedException, InterruptedException {
        String path = provider.path("path").asText();
        String executable = resolve(path);
        if (executable == null) {
            throw new ActivityFailedException("path '" + path + "' cannot be found");
        }
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(arguments(provider.path("arguments")));
        JsonNode timeout = provider.path("timeout");
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("kintsugi-chaos", ".out");
            err = Files.createTempFile("kintsugi-chaos", ".err");
            process = environment(
                            new ProcessBuilder(command)
                                    .redirectOutput(out.toFile())
                                    .redirectError(err.toFile())
                                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))),
                            context)
                    .start();
            boolean done;
            if (timeout.isNumber()) {
                done = process.waitFor((long) (timeout.asDouble() * 1000), TimeUnit.MILLISECONDS);
            } else {
                process.waitFor();
                done = true;
            }
            if (!done) {
                kill(process);
                throw new ActivityFailedException("process took too long to complete (timeout " + timeout + "s)");
            }
            ObjectNode output = JsonNodeFactory.instance.objectNode();
            output.put("status", process.exitValue());
            output.put("stdout", Files.readString(out, StandardCharsets.UTF_8));
            output.put("stderr", Files.readString(err, StandardCharsets.UTF_8));
            return output;
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        } catch (IOException e) {
            throw new ActivityFailedException("failed to run " + command + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void kill(Process process) {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    static List<String> arguments(JsonNode arguments) {
        List<String> out = new ArrayList<>();
        if (arguments.isTextual()) {
            out.addAll(split(arguments.asText()));
        } else if (arguments.isArray()) {
            arguments.forEach(a -> out.add(a.isTextual() ? a.asText() : a.toString()));
        } else if (arguments.isObject()) {
            arguments.properties().forEach(e -> {
                out.add(e.getKey());
                JsonNode v = e.getValue();
                if (!v.isNull() && !(v.isTextual() && v.asText().isEmpty())) {
                    out.add(v.isTextual() ? v.asText() : v.toString());
                }
            });
        }
        return out;
    }

    /** Splits a command line like a POSIX shell (quotes, backslashes), without expanding anything. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    static String resolve(String path) {
        if (path.contains(File.separator)) {
            return Files.isExecutable(Path.of(path))
                    ? Path.of(path).toAbsolutePath().toString()
                    : null;
        }
        String env = System.getenv("PATH");
        if (env == null) {
            return null;
        }
        for (String dir : env.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, path);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /**
     * A process inherits the JVM's environment only when the run may read the environment; otherwise it gets the
     * host's map and a {@code PATH}, so a host's own secrets never reach an experiment's process.
     */
    static ProcessBuilder environment(ProcessBuilder builder, RunContext context) {
        if (!context.variables().environmentReadable()) {
            String path = builder.environment().get("PATH");
            builder.environment().clear();
            if (path != null) {
                builder.environment().put("PATH", path);
            }
        }
        return builder;
    }
}
