package dev.kintsugi.postmortem.web;

import dev.kintsugi.platform.Feeds;
import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.postmortem.LibraryEntry;
import dev.kintsugi.postmortem.PostmortemLibrary;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The library's feed of the latest published post-mortems (those the reader may see), as Atom 1.0 (RFC 4287) and
 * RSS 2.0, written by the platform's {@link Feeds}: summaries as text, the sanitised HTML as content.
 */
@Component
class AtomFeed {
    static final String CONTENT_TYPE = Feeds.ATOM;
    static final int ENTRIES = 50;

    private final PostmortemLibrary library;
    private final KintsugiProperties properties;

    AtomFeed(PostmortemLibrary library, KintsugiProperties properties) {
        this.library = library;
        this.properties = properties;
    }

    /** Atom, read at {@code selfPath}. */
    String render(String selfPath) {
        return Feeds.atom(feed(selfPath));
    }

    /** RSS 2.0, read at {@code selfPath}. */
    String rss(String selfPath) {
        return Feeds.rss(feed(selfPath));
    }

    private Feeds.Feed feed(String selfPath) {
        String base = properties.baseUrl().replaceAll("/+$", "");
        String authority = Optional.ofNullable(URI.create(base).getHost()).orElse("kintsugi.invalid");
        List<LibraryEntry> latest = library.latest(ENTRIES);
        Instant updated = latest.stream()
                .map(LibraryEntry::publishedAt)
                .max(Instant::compareTo)
                .orElse(Instant.parse("2026-01-01T00:00:00Z"));
        List<Feeds.Entry> entries = new ArrayList<>();
        for (LibraryEntry e : latest) {
            String day = DateTimeFormatter.ISO_LOCAL_DATE.format(e.publishedAt().atOffset(ZoneOffset.UTC));
            List<String> categories = new ArrayList<>();
            if (e.severity() != null) {
                categories.add(e.severity());
            }
            categories.addAll(e.tags());
            String html = "<p>" + org.springframework.web.util.HtmlUtils.htmlEscape(heading(e), "UTF-8") + "</p>"
                    + library.html(e.summary());
            entries.add(new Feeds.Entry(
                    "tag:" + authority + "," + day + ":postmortem-" + e.id(),
                    e.title(),
                    base + "/postmortems/" + e.id(),
                    e.publishedAt(),
                    e.publishedAt(),
                    categories,
                    e.excerpt(),
                    html));
        }
        return new Feeds.Feed(
                "tag:" + authority + ",2026:postmortems",
                "Kintsugi post-mortems",
                "Published blameless post-mortems",
                base + selfPath,
                base + "/postmortems",
                "Kintsugi",
                updated,
                entries);
    }

    private static String heading(LibraryEntry e) {
        return e.key()
                + (e.incidentKey() == null ? "" : " · " + e.incidentKey())
                + (e.services().isEmpty() ? "" : " · " + String.join(", ", e.services()));
    }
}
