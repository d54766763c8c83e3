package dev.kintsugi.oncall.notify;

/**
 * One notification to one person, already in their language: the {@code kind} ({@code TRIGGERED}, {@code RESOLVED}
 * of a page, {@code TEST}, or {@code NOTICE}: an announcement that is not a page, such as the Chaos Monkey's), the
 * text lines, and the signed links (null but for a triggered page).
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
