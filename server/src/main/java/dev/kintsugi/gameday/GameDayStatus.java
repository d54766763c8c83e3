package dev.kintsugi.gameday;

/** PLANNED → RUNNING → ENDED; nothing else. */
public enum GameDayStatus {
    PLANNED,
    RUNNING,
    ENDED;

    public boolean canMoveTo(GameDayStatus next) {
        return (this == PLANNED && next == RUNNING) || (this == RUNNING && next == ENDED);
    }
}
