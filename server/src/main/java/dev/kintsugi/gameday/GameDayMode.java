package dev.kintsugi.gameday;

/** INFORMED: heroes know the kind of incident in advance. BLIND ("Dungeons & Dragons"): they discover it. */
public enum GameDayMode {
    INFORMED,
    BLIND
}
