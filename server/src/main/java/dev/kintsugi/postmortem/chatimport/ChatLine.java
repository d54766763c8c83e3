package dev.kintsugi.postmortem.chatimport;

import java.time.Instant;

/**
 * One message of an imported chat log, ready to become a post-mortem timeline entry.
 *
 * @param at when it was said
 * @param author who said it: the display name for Slack, the nick for IRC and plain text
 * @param text what was said; for Slack, converted to Markdown (links, mentions, entities)
 * @param lineNumber the line of the log where the message starts (1-based), to trace an entry to its source
 */
public record ChatLine(Instant at, String author, String text, int lineNumber) {}
