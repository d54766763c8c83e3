package dev.kintsugi.gameday;

/** What a team of heroes recorded. DIAGNOSIS gets a verdict from the facilitator; a HINT costs points. */
public enum ResponseKind {
    DECLARED,
    HYPOTHESIS,
    FINDING,
    DETECTED,
    DIAGNOSIS,
    MITIGATED,
    HINT
}
