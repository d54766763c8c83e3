package dev.kintsugi.gameday;

/** What a person does in one game day. A HERO belongs to a team. */
public enum GameDayRole {
    FACILITATOR,
    VILLAIN,
    HERO,
    OBSERVER;

    /** Facilitators, villains and observers see the whole scenario; heroes only what the mode lets them. */
    public boolean seesEverything() {
        return this != HERO;
    }
}
