package dev.kintsugi.incident;

/** Why an incident is closed. {@link #DUPLICATE} names the incident it duplicates. */
public enum ClosureReason {
    RESOLVED,
    DUPLICATE,
    FALSE_POSITIVE,
    CANCELLED
}
