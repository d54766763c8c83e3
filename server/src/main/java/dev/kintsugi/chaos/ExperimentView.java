package dev.kintsugi.chaos;

import java.time.Instant;
import java.util.List;

/** An experiment at its current version: its Chaos Toolkit definition (JSON) and the services it targets. */
public record ExperimentView(
        long id,
        String title,
        int currentVersion,
        List<Long> serviceIds,
        List<String> services,
        String definition,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        long version) {}
