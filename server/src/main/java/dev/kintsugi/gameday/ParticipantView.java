package dev.kintsugi.gameday;

/** Someone's role in a game day (a hero's team, else null). */
public record ParticipantView(String username, GameDayRole role, Long teamId, String team) {}
