package dev.kintsugi.statuspage;

import java.time.Instant;

/**
 * A catalog service shown on the status page: its public name, description and group (none: ungrouped), its
 * place, and an explicit state until a time (null: derived). {@code serviceName} is the catalog's slug, for the
 * admin pages and the API; the public page shows {@code name} only.
 */
public record PublicComponent(
        long serviceId,
        String serviceName,
        String group,
        String name,
        String description,
        int position,
        ComponentState overrideState,
        Instant overrideUntil,
        long version) {

    public StateRules.Override override() {
        return overrideState == null ? null : new StateRules.Override(overrideState, overrideUntil);
    }
}
