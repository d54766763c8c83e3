package dev.kintsugi.gameday;

import java.time.Instant;

/** A readiness item and who ticked it when (null: not yet). */
public record CheckView(Readiness item, String tickedBy, Instant tickedAt) {
    public boolean done() {
        return tickedBy != null;
    }
}
