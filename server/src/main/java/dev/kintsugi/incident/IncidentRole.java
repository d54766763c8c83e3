package dev.kintsugi.incident;

/**
 * One person each. The commander acts (decides, directs); the scribe and the communications lead write (the
 * timeline; the status updates). The UI shows which is which.
 */
public enum IncidentRole {
    COMMANDER(false),
    SCRIBE(true),
    COMMUNICATIONS(true);

    private final boolean writing;

    IncidentRole(boolean writing) {
        this.writing = writing;
    }

    /** True for roles that write (scribe, communications), false for the one that acts (commander). */
    public boolean writing() {
        return writing;
    }
}
