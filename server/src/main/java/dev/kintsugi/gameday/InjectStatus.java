package dev.kintsugi.gameday;

/** PENDING until fired; STOPPED when the game day ended before it was fired (or stopped its run). */
public enum InjectStatus {
    PENDING,
    FIRED,
    STOPPED
}
