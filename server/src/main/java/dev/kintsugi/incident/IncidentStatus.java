package dev.kintsugi.incident;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code INVESTIGATING → IDENTIFIED → MONITORING → RESOLVED → CLOSED}. Skipping forward is allowed; the only
 * way back is {@code RESOLVED → INVESTIGATING} (a reopen, with a reason). {@code CLOSED} is final.
 */
public enum IncidentStatus {
    INVESTIGATING,
    IDENTIFIED,
    MONITORING,
    RESOLVED,
    CLOSED;

    /** The states this one may move to. */
    public Set<IncidentStatus> allowedNext() {
        Set<IncidentStatus> next = EnumSet.noneOf(IncidentStatus.class);
        for (IncidentStatus s : values()) {
            if (s.ordinal() > ordinal()) {
                next.add(s);
            }
        }
        if (this == RESOLVED) {
            next.add(INVESTIGATING);
        }
        return next;
    }

    public boolean canMoveTo(IncidentStatus target) {
        return allowedNext().contains(target);
    }

    public boolean isOpen() {
        return this != RESOLVED && this != CLOSED;
    }

    /** Moving back from RESOLVED is a reopen. */
    public boolean isReopen(IncidentStatus target) {
        return this == RESOLVED && target == INVESTIGATING;
    }
}
