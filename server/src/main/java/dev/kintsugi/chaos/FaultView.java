package dev.kintsugi.chaos;

import java.time.Instant;

/** A fault the server journaled for a run, and what became of it. */
public record FaultView(
        long id,
        long runId,
        String kind,
        String apiUrl,
        String proxy,
        String toxic,
        String description,
        FaultStatus status,
        Instant journaledAt,
        Instant leaseUntil,
        Instant revertedAt,
        String error) {

    public boolean inPlace() {
        return status == FaultStatus.INJECTING || status == FaultStatus.IN_PLACE;
    }
}
