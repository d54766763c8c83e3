package dev.kintsugi.statuspage;

import java.util.Locale;

/** The status a public update announces (Atlassian Statuspage's incident statuses). */
public enum UpdateStatus {
    INVESTIGATING,
    IDENTIFIED,
    MONITORING,
    RESOLVED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
