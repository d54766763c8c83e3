package dev.kintsugi.postmortem.web;

import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.postmortem.LibraryEntry;
import dev.kintsugi.postmortem.PostmortemLibrary;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The library's Atom 1.0 feed (RFC 4287): the latest published post-mortems, summaries as escaped HTML. */
@Component
class AtomFeed {
    static final String CONTENT_TYPE = "application/atom+xml;charset=UTF-8";
    static final int ENTRIES = 50;

    private final PostmortemLibrary library;
    private final KintsugiProperties properties;

    AtomFeed(PostmortemLibrary library, KintsugiProperties properties) {
        this.library = library;
        this.properties = properties;
    }

    String render(String selfPath) {
        String base = properties.baseUrl().replaceAll("/+$", "");
        String authority = Optional.ofNullable(URI.create(base).getHost()).orElse("kintsugi.invalid");
        List<LibraryEntry> entries = library.latest(ENTRIES);
        Instant updated = entries.stream()
                .map(LibraryEntry::publishedAt)
                .max(Instant::compareTo)
                .orElse(Instant.parse("2026-01-01T00:00:00Z"));
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        x.append("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        x.append("  <id>tag:").append(esc(authority)).append(",2026:postmortems</id>\n");
        x.append("  <title>Kintsugi post-mortems</title>\n");
        x.append("  <subtitle>Published blameless post-mortems</subtitle>\n");
        x.append("  <updated>").append(time(updated)).append("</updated>\n");
        x.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"")
                .append(esc(base + selfPath))
                .append("\"/>\n");
        x.append("  <link rel=\"alternate\" type=\"text/html\" href=\"")
                .append(esc(base + "/postmortems"))
                .append("\"/>\n");
        x.append("  <author><name>Kintsugi</name></author>\n");
        x.append("  <generator>Kintsugi</generator>\n");
        for (LibraryEntry e : entries) {
            String link = base + "/postmortems/" + e.id();
            String day = DateTimeFormatter.ISO_LOCAL_DATE.format(e.publishedAt().atOffset(ZoneOffset.UTC));
            x.append("  <entry>\n");
            x.append("    <id>tag:")
                    .append(esc(authority))
                    .append(',')
                    .append(day)
                    .append(":postmortem-")
                    .append(e.id())
                    .append("</id>\n");
            x.append("    <title type=\"text\">").append(esc(e.title())).append("</title>\n");
            x.append("    <updated>").append(time(e.publishedAt())).append("</updated>\n");
            x.append("    <published>").append(time(e.publishedAt())).append("</published>\n");
            x.append("    <link rel=\"alternate\" type=\"text/html\" href=\"")
                    .append(esc(link))
                    .append("\"/>\n");
            if (e.severity() != null) {
                x.append("    <category term=\"").append(esc(e.severity())).append("\"/>\n");
            }
            for (String tag : e.tags()) {
                x.append("    <category term=\"").append(esc(tag)).append("\"/>\n");
            }
            x.append("    <summary type=\"text\">").append(esc(e.excerpt())).append("</summary>\n");
            String html = "<p>" + esc(e.key()) + (e.incidentKey() == null ? "" : " · " + esc(e.incidentKey()))
                    + (e.services().isEmpty() ? "" : " · " + esc(String.join(", ", e.services()))) + "</p>"
                    + library.html(e.summary());
            x.append("    <content type=\"html\">").append(esc(html)).append("</content>\n");
            x.append("  </entry>\n");
        }
        x.append("</feed>\n");
        return x.toString();
    }

    private static String time(Instant i) {
        return DateTimeFormatter.ISO_INSTANT.format(i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** XML character data and attribute values; drops characters XML 1.0 cannot carry. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (cp == 0x9
                            || cp == 0xA
                            || cp == 0xD
                            || (cp >= 0x20 && cp <= 0xD7FF)
                            || (cp >= 0xE000 && cp <= 0xFFFD)
                            || cp >= 0x10000) {
                        b.appendCodePoint(cp);
                    }
                }
            }
        });
        return b.toString();
    }
}
