package dev.kintsugi.statuspage;

import java.util.Locale;

/**
 * A public component's state, worst last ({@link #worse}). The names and their JSON spelling are Atlassian
 * Statuspage's ({@code operational}, {@code degraded_performance}, ...), so that existing widgets read them.
 */
public enum ComponentState {
    OPERATIONAL,
    UNDER_MAINTENANCE,
    DEGRADED_PERFORMANCE,
    PARTIAL_OUTAGE,
    MAJOR_OUTAGE;

    /** The worse of the two. */
    public ComponentState worse(ComponentState other) {
        return other != null && other.ordinal() > ordinal() ? other : this;
    }

    /** Statuspage's spelling: {@code partial_outage}. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Statuspage's page indicator for a page whose worst component is in this state. */
    public String indicator() {
        return switch (this) {
            case OPERATIONAL -> "none";
            case UNDER_MAINTENANCE -> "maintenance";
            case DEGRADED_PERFORMANCE -> "minor";
            case PARTIAL_OUTAGE -> "major";
            case MAJOR_OUTAGE -> "critical";
        };
    }
}
