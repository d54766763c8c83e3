package dev.kintsugi.chaos;

import dev.kintsugi.incident.TimelineMessage;
import java.time.Instant;

/**
 * One moment of a run as a timeline entry: when, who (the starter, else the system), what it says as a message
 * code of the chaos bundle with its arguments, and that message's English text.
 */
public record RunTimelineEntry(Instant at, String author, String english, TimelineMessage message) {}
