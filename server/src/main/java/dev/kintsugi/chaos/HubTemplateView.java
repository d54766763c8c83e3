package dev.kintsugi.chaos;

import java.util.List;
import java.util.Map;

/**
 * A template of the hub: a built-in ({@code teamId} null, texts from the bundles in the reader's language) or a
 * team's own ({@code id} {@code team-<n>}, texts as its team wrote them). {@code parameters} carry the template's
 * defaults within the fault's bounds; {@code probePath} and {@code expectedStatus} suggest the steady-state probe;
 * {@code weight} becomes the experiment's weight in the resilience score. {@code version}: 0 for built-ins.
 */
public record HubTemplateView(
        String id,
        boolean builtIn,
        Long teamId,
        String teamName,
        String name,
        String description,
        String hypothesis,
        String fault,
        List<HubParameter> parameters,
        String probePath,
        int expectedStatus,
        int weight,
        String createdBy,
        long version) {

    /** The default value of each parameter, by name. */
    public Map<String, Integer> defaults() {
        Map<String, Integer> m = new java.util.LinkedHashMap<>();
        parameters.forEach(p -> m.put(p.name(), p.defaultValue()));
        return m;
    }
}
