package dev.kintsugi.platform;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Atom 1.0 (RFC 4287) and RSS 2.0 feeds through Rome: the post-mortem library's today, the status page's and
 * on-call's later. One {@link Feed} description gives both formats. Characters XML 1.0 cannot carry are dropped.
 */
public final class Feeds {
    public static final String ATOM = "application/atom+xml;charset=UTF-8";
    public static final String RSS = "application/rss+xml;charset=UTF-8";

    private Feeds() {}

    /**
     * One entry: a stable {@code id} (a {@code tag:} URI), its page, times, categories, a plain-text summary and
     * optional already-sanitised HTML content.
     */
    public record Entry(
            String id,
            String title,
            String link,
            Instant published,
            Instant updated,
            List<String> categories,
            String summary,
            String html) {
        public Entry {
            Objects.requireNonNull(id);
            Objects.requireNonNull(title);
            Objects.requireNonNull(link);
            Objects.requireNonNull(updated);
            categories = categories == null ? List.of() : List.copyOf(categories);
        }
    }

    /**
     * A feed: its id, title, description, the address it is read at ({@code self}) and the page it mirrors
     * ({@code alternate}), its author, and when it last changed.
     */
    public record Feed(
            String id,
            String title,
            String subtitle,
            String self,
            String alternate,
            String author,
            Instant updated,
            List<Entry> entries) {
        public Feed {
            Objects.requireNonNull(id);
            Objects.requireNonNull(title);
            Objects.requireNonNull(alternate);
            Objects.requireNonNull(author);
            Objects.requireNonNull(updated);
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    public static String atom(Feed feed) {
        return write(feed, "atom_1.0", ATOM);
    }

    public static String rss(Feed feed) {
        return write(feed, "rss_2.0", RSS);
    }

    private static String write(Feed f, String type, String selfType) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(type);
        feed.setUri(f.id());
        feed.setTitle(xml(f.title()));
        feed.setDescription(xml(f.subtitle() == null ? f.title() : f.subtitle()));
        feed.setLink(f.alternate());
        List<SyndLink> links = new ArrayList<>();
        if (f.self() != null) {
            links.add(link("self", selfType.substring(0, selfType.indexOf(';')), f.self()));
        }
        links.add(link("alternate", "text/html", f.alternate()));
        feed.setLinks(links);
        SyndPerson author = new SyndPersonImpl();
        author.setName(xml(f.author()));
        feed.setAuthors(List.of(author));
        feed.setPublishedDate(date(f.updated()));
        feed.setGenerator("Kintsugi");
        List<SyndEntry> entries = new ArrayList<>();
        for (Entry e : f.entries()) {
            SyndEntry entry = new SyndEntryImpl();
            entry.setUri(e.id());
            entry.setTitle(xml(e.title()));
            entry.setLink(e.link());
            entry.setLinks(List.of(link("alternate", "text/html", e.link())));
            if (e.published() != null) {
                entry.setPublishedDate(date(e.published()));
            }
            entry.setUpdatedDate(date(e.updated()));
            List<SyndCategory> categories = new ArrayList<>();
            for (String c : e.categories()) {
                SyndCategory category = new SyndCategoryImpl();
                category.setName(xml(c));
                categories.add(category);
            }
            entry.setCategories(categories);
            if (e.summary() != null) {
                entry.setDescription(content("text/plain", e.summary()));
            }
            if (e.html() != null) {
                entry.setContents(List.of(content("text/html", e.html())));
            }
            entries.add(entry);
        }
        feed.setEntries(entries);
        try {
            return new SyndFeedOutput().outputString(feed, true);
        } catch (FeedException e) {
            throw new IllegalStateException("could not write the " + type + " feed " + f.id(), e);
        }
    }

    private static SyndLink link(String rel, String type, String href) {
        SyndLink l = new SyndLinkImpl();
        l.setRel(rel);
        l.setType(type);
        l.setHref(href);
        return l;
    }

    private static SyndContent content(String type, String value) {
        SyndContent c = new SyndContentImpl();
        c.setType(type);
        c.setValue(xml(value));
        return c;
    }

    private static Date date(Instant i) {
        return Date.from(i.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Drops the characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF). */
    static String xml(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == 0x9
                    || cp == 0xA
                    || cp == 0xD
                    || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD)
                    || cp >= 0x10000) {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
