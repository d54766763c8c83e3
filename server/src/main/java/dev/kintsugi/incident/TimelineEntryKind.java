package dev.kintsugi.incident;

/** What a timeline entry records. Only {@link #NOTE} and {@link #STATUS_UPDATE} are written by hand. */
public enum TimelineEntryKind {
    DECLARED,
    STATUS_CHANGE,
    SEVERITY_CHANGE,
    ROLE_CHANGE,
    MILESTONE,
    PARTICIPANT,
    EDIT,
    NOTE,
    STATUS_UPDATE,
    /** An alert of the alerting module arrived, was acknowledged or resolved (written by {@link IncidentContributions}). */
    ALERT,
    /** A chaos experiment injects or removes a fault on a service of the incident ({@link IncidentContributions}). */
    EXPERIMENT
}
