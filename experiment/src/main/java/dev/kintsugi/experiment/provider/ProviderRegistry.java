package dev.kintsugi.experiment.provider;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The providers a run can use, by Chaos Toolkit provider {@code type}. {@link #standard()} gives a fresh registry
 * with {@code http}, {@code process}, {@code kintsugi} and {@code python} (the natively implemented Chaos Toolkit
 * extension functions, {@link PythonProvider}); a host may {@link #register} more or replace one (a
 * registry is not shared between hosts: each {@code standard()} call is a new one).
 */
public final class ProviderRegistry {

    private final Map<String, Provider> providers = new ConcurrentHashMap<>();

    public static ProviderRegistry standard() {
        ProviderRegistry registry = new ProviderRegistry();
        registry.register("http", new HttpProvider());
        registry.register("process", new ProcessProvider());
        registry.register("kintsugi", new KintsugiProvider());
        registry.register("python", new PythonProvider());
        return registry;
    }

    /** Adds a provider type, or replaces the one of that type. */
    public ProviderRegistry register(String type, Provider provider) {
        providers.put(type, provider);
        return this;
    }

    /** The provider of {@code type}, or {@code null}. */
    public Provider get(String type) {
        return providers.get(type);
    }

    public Set<String> types() {
        return new TreeSet<>(providers.keySet());
    }

    public void check(String label, JsonNode provider, List<String> problems, List<String> warnings) {
        String type = provider.path("type").asString("");
        Provider p = providers.get(type);
        if (p == null && "python".equals(type)) { // a host that removed the native Python functions
            problems.add(label + " uses a python provider ("
                    + provider.path("module").asString("?") + "."
                    + provider.path("func").asString("?")
                    + "): Python providers cannot run on the JVM; replace it with an http, process or kintsugi"
                    + " provider");
            return;
        }
        if (p == null) {
            problems.add(label + ": unknown provider type '" + type + "' (supported: " + types() + ")");
            return;
        }
        p.check(label, provider, problems, warnings);
    }
}
