package dev.kintsugi.incident;

/** The moments that measure an incident (MTTD, MTTA, MTTR derive from them). Editable afterwards, audited. */
public enum Milestone {
    IMPACT_STARTED,
    DETECTED,
    DECLARED,
    ACKNOWLEDGED,
    MITIGATED,
    RESOLVED,
    CLOSED
}
