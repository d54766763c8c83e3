package dev.kintsugi.oncall.notify;

/**
 * One notification about a page to one person, already in their language: the {@code kind} ({@code TRIGGERED},
 * {@code RESOLVED}), the text lines, and the signed links (null for a resolved notice).
 */
public record Message(
        String kind,
        long pageId,
        String subjectType,
        String subjectId,
        String severity,
        String title,
        String summary,
        String subjectLink,
        String headline,
        String acknowledgeUrl,
        String resolveUrl,
        String acknowledgeLabel,
        String resolveLabel) {}
