package dev.kintsugi.gameday;

import java.time.Instant;

/**
 * One moment of a game day's debrief timeline: {@code kind} is {@code started}, {@code inject}, {@code fault},
 * {@code reverted}, a response kind in lower case, or {@code ended}; {@code team} the team's name (or null);
 * {@code text} what happened (the title, the text posted, the fault's description).
 */
public record TimelineItem(Instant at, String kind, String team, String text, String by) {}
