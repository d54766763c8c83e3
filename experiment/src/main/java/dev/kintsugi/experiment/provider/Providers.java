package dev.kintsugi.experiment.provider;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The providers this engine runs, by Chaos Toolkit provider {@code type}. */
public final class Providers {

    private static final Map<String, Provider> PROVIDERS =
            Map.of("http", new HttpProvider(), "process", new ProcessProvider(), "kintsugi", new KintsugiProvider());

    private Providers() {}

    public static Provider get(String type) {
        return PROVIDERS.get(type);
    }

    public static void check(String label, JsonNode provider, List<String> problems, List<String> warnings) {
        String type = provider.path("type").asText("");
        if ("python".equals(type)) {
            problems.add(label + " uses a python provider ("
                    + provider.path("module").asText("?") + "."
                    + provider.path("func").asText("?")
                    + "): Python providers cannot run on the JVM; replace it with an http, process or kintsugi"
                    + " provider");
            return;
        }
        Provider p = PROVIDERS.get(type);
        if (p == null) {
            problems.add(label + ": unknown provider type '" + type + "' (supported: http, process, kintsugi)");
            return;
        }
        p.check(label, provider, problems, warnings);
    }
}
