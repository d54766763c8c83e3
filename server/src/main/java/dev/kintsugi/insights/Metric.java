package dev.kintsugi.insights;

/** The incident metrics, each the time between two milestones (its column in the read model). */
public enum Metric {
    /** Time to detect: detected − impact started. */
    DETECT("detect_s"),
    /** Time to acknowledge: acknowledged − declared. */
    ACKNOWLEDGE("acknowledge_s"),
    /** Time to mitigate: mitigated − detected. */
    MITIGATE("mitigate_s"),
    /** Time to resolve: resolved − detected. */
    RESOLVE("resolve_s"),
    /** Customer impact: resolved − impact started. */
    IMPACT("impact_s");

    private final String column;

    Metric(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }
}
