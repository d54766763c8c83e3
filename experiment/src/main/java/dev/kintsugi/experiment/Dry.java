package dev.kintsugi.experiment;

import tools.jackson.databind.JsonNode;

/** Chaos Toolkit's {@code --dry}: what is skipped. */
public enum Dry {
    NONE,
    ACTIONS,
    PROBES,
    ACTIVITIES,
    PAUSE;

    boolean skips(JsonNode activity) {
        return switch (this) {
            case ACTIVITIES -> true;
            case ACTIONS -> Activities.isAction(activity);
            case PROBES -> !Activities.isAction(activity);
            default -> false;
        };
    }

    boolean skipsPauses() {
        return this == PAUSE || this == ACTIVITIES;
    }
}
