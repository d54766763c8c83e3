package dev.kintsugi.chaos;

/** Where a run is: running, or how it ended (the journal's status). */
public enum RunStatus {
    RUNNING,
    COMPLETED,
    FAILED,
    INTERRUPTED;

    static RunStatus ofJournal(String status) {
        return switch (status) {
            case "completed" -> COMPLETED;
            case "interrupted" -> INTERRUPTED;
            default -> FAILED;
        };
    }
}
