package dev.kintsugi.incident;

/** SEV1 is the worst. Descriptions are configurable ({@code kintsugi.incident.severities}). */
public enum Severity {
    SEV1,
    SEV2,
    SEV3,
    SEV4,
    SEV5;

    public int level() {
        return ordinal() + 1;
    }
}
