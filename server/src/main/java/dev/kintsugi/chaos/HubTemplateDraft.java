package dev.kintsugi.chaos;

import java.util.Map;

/**
 * A team's template as written: its team (name), texts, the fault and the defaults of its parameters (absent ones
 * take the fault's), the probe suggestion and the weight (1 to 10). {@code fromExperiment}, when set, takes the
 * fault, its values and (unless given) the name from that experiment ("save as template").
 */
public record HubTemplateDraft(
        String team,
        String name,
        String description,
        String hypothesis,
        String fault,
        Map<String, Integer> parameters,
        String probePath,
        Integer expectedStatus,
        Integer weight,
        Long fromExperiment) {}
