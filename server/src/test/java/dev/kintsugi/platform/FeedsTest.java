package dev.kintsugi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What Rome writes for us, read back with the JDK's own XML parser (not Rome's JDOM) and checked for the elements
 * RFC 4287 requires of Atom (id, title, updated, author, link rel=alternate) and RSS 2.0 of a channel and items.
 */
class FeedsTest {
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private static Feeds.Feed feed() {
        return new Feeds.Feed(
                "tag:kintsugi.example.test,2026:postmortems",
                "Kintsugi post-mortems",
                "Published blameless post-mortems",
                "https://kintsugi.example.test/postmortems/feed.atom",
                "https://kintsugi.example.test/postmortems",
                "Kintsugi",
                Instant.parse("2026-04-02T12:30:00.123Z"),
                List.of(new Feeds.Entry(
                        "tag:kintsugi.example.test,2026-04-02:postmortem-7",
                        "Retries <amplified> & the \u0001load",
                        "https://kintsugi.example.test/postmortems/7",
                        Instant.parse("2026-04-02T12:30:00Z"),
                        Instant.parse("2026-04-02T12:30:00Z"),
                        List.of("SEV2", "retries"),
                        "Retries & backoff",
                        "<p>PM-7</p><p><strong>amplified</strong> &amp; backoff</p>")));
    }

    @Test
    void atomHasWhatRfc4287Requires() throws Exception {
        Element feed = parse(Feeds.atom(feed())).getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(text(feed, "id")).isEqualTo("tag:kintsugi.example.test,2026:postmortems");
        assertThat(text(feed, "title")).isEqualTo("Kintsugi post-mortems");
        assertThat(text(feed, "updated")).isEqualTo("2026-04-02T12:30:00Z");
        assertThat(text(child(feed, "author"), "name")).isEqualTo("Kintsugi");
        assertThat(links(feed, "alternate")).containsExactly("https://kintsugi.example.test/postmortems");
        assertThat(links(feed, "self")).containsExactly("https://kintsugi.example.test/postmortems/feed.atom");

        Element entry = child(feed, "entry");
        assertThat(text(entry, "id")).isEqualTo("tag:kintsugi.example.test,2026-04-02:postmortem-7");
        assertThat(text(entry, "title")).isEqualTo("Retries <amplified> & the load"); // control character dropped
        assertThat(text(entry, "updated")).isEqualTo("2026-04-02T12:30:00Z");
        assertThat(text(entry, "published")).isEqualTo("2026-04-02T12:30:00Z");
        assertThat(links(entry, "alternate")).containsExactly("https://kintsugi.example.test/postmortems/7");
        assertThat(child(entry, "summary").getAttribute("type")).isEqualTo("text");
        assertThat(text(entry, "summary")).isEqualTo("Retries & backoff");
        assertThat(child(entry, "content").getAttribute("type")).isEqualTo("html");
        assertThat(text(entry, "content")).contains("<strong>amplified</strong> &amp; backoff");
        List<String> categories = new ArrayList<>();
        for (Node n = entry.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "category".equals(e.getLocalName())) {
                categories.add(e.getAttribute("term"));
            }
        }
        assertThat(categories).containsExactly("SEV2", "retries");
    }

    @Test
    void rssHasAChannelAndItems() throws Exception {
        Element rss = parse(Feeds.rss(feed())).getDocumentElement();
        assertThat(rss.getLocalName()).isEqualTo("rss");
        assertThat(rss.getAttribute("version")).isEqualTo("2.0");
        Element channel = child(rss, "channel");
        assertThat(text(channel, "title")).isEqualTo("Kintsugi post-mortems");
        assertThat(text(channel, "link")).isEqualTo("https://kintsugi.example.test/postmortems");
        assertThat(text(channel, "description")).isEqualTo("Published blameless post-mortems");
        Element item = child(channel, "item");
        assertThat(text(item, "title")).isEqualTo("Retries <amplified> & the load");
        assertThat(text(item, "link")).isEqualTo("https://kintsugi.example.test/postmortems/7");
        assertThat(text(item, "guid")).isEqualTo("tag:kintsugi.example.test,2026-04-02:postmortem-7");
        assertThat(text(item, "pubDate")).isEqualTo("Thu, 02 Apr 2026 12:30:00 GMT");
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getLocalName() + ">");
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent();
    }

    private static List<String> links(Element parent, String rel) {
        List<String> hrefs = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e
                    && "link".equals(e.getLocalName())
                    && rel.equals(e.getAttribute("rel").isEmpty() ? "alternate" : e.getAttribute("rel"))) {
                hrefs.add(e.getAttribute("href"));
            }
        }
        return hrefs;
    }
}
