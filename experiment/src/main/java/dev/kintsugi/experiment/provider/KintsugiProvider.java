package dev.kintsugi.experiment.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Kintsugi's own provider ({@code "type": "kintsugi"}): faults and probes the JVM runs natively. */
public final class KintsugiProvider implements Provider {

    @Override
    public void check(String label, JsonNode provider, List<String> problems, List<String> warnings) {
        problems.add(
                label + ": kintsugi provider function '" + provider.path("func").asText() + "' is unknown");
    }

    @Override
    public JsonNode run(JsonNode provider, RunContext context) throws ActivityFailedException {
        throw new ActivityFailedException(
                "unknown kintsugi function " + provider.path("func").asText());
    }
}
