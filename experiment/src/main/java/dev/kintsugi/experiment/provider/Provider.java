package dev.kintsugi.experiment.provider;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Runs one kind of activity provider ({@code http}, {@code process}, {@code kintsugi}). */
public interface Provider {

    /** Adds a problem for anything that makes the provider block unusable; never performs I/O that changes things. */
    void check(String label, JsonNode provider, List<String> problems, List<String> warnings);

    /**
     * Runs the provider (already substituted) and returns its output. Must return promptly, throwing
     * {@link InterruptedException}, when the calling thread is interrupted: that is how a guardrail breach or a
     * signal stops the method at once.
     */
    JsonNode run(JsonNode provider, RunContext context) throws ActivityFailedException, InterruptedException;

    /**
     * The addresses this (substituted) provider block reaches — URLs or {@code host:port} — so that a host's
     * {@link dev.kintsugi.experiment.RunPolicy} can limit them. Empty when it reaches none (e.g. a process).
     */
    default List<String> addresses(JsonNode provider) {
        return List.of();
    }

    /**
     * Other provider types whose power this block uses, for the host's policy: e.g. {@code kintsugi.start_process}
     * runs a process, so it needs {@code process} allowed too.
     */
    default List<String> alsoRequires(JsonNode provider) {
        return List.of();
    }

    /** {@link #addresses(JsonNode)}, for providers whose addresses come from the configuration too. */
    default List<String> addresses(JsonNode provider, dev.kintsugi.experiment.Variables variables) {
        return addresses(provider);
    }

    /** The most this provider may take, in seconds, for the run's expected end (used for fault leases). */
    default double budgetSeconds(JsonNode provider) {
        JsonNode timeout = provider.path("timeout");
        if (timeout.isNumber()) {
            return timeout.asDouble();
        }
        if (timeout.isArray()) {
            double sum = 0;
            for (JsonNode t : timeout) {
                sum += t.asDouble();
            }
            return sum;
        }
        return 10;
    }
}
