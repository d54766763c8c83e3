package dev.kintsugi.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.Role;
import dev.kintsugi.support.ApiClient;
import dev.kintsugi.support.WebSession;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The library page and its filters, privacy, the drafts tab, the Atom feed, the Markdown export, the digest API. */
class LibraryTest extends PostmortemFixtures {
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private WebSession login(String username) {
        return WebSession.loggedIn(baseUrl(), username, "password-" + username);
    }

    @Test
    void theLibraryListsPublishedPostmortemsWithFilters() {
        String author = responder();
        String team = team(author);
        String svc = service(team);
        String tag = unique("tag").toLowerCase();
        Postmortem withService = publish(
                author, draft(author, Severity.SEV2, false, List.of(svc)), "The **pool** was exhausted", List.of(tag));
        Postmortem plain = published(author, "DNS answers were stale");
        Postmortem stillDraft = draft(author);

        WebSession web = login(author);
        String all = web.get("/postmortems?size=200").body();
        assertThat(all)
                .contains(withService.content().title())
                .contains(plain.content().title());
        assertThat(all).doesNotContain(stillDraft.content().title());

        var byService = web.get("/postmortems?service=" + svc);
        assertThat(byService.status()).isEqualTo(200);
        assertThat(byService.body())
                .contains(withService.content().title())
                .contains(withService.incidentKey())
                .contains("The pool was exhausted") // excerpt in plain text
                .contains(svc)
                .contains(tag)
                .doesNotContain(plain.content().title());
        assertThat(web.get("/postmortems?team=" + team).body())
                .contains(withService.content().title())
                .doesNotContain(plain.content().title());
        assertThat(web.get("/postmortems?tag=" + tag).body())
                .contains(withService.content().title())
                .doesNotContain(plain.content().title());
        assertThat(web.get("/postmortems?tag=" + tag + "&severity=SEV1").body())
                .doesNotContain(withService.content().title());
        assertThat(web.get("/postmortems?tag=" + tag + "&severity=SEV2").body())
                .contains(withService.content().title());

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(web.get("/postmortems?tag=" + tag + "&from=" + today + "&to=" + today)
                        .body())
                .contains(withService.content().title());
        assertThat(web.get("/postmortems?tag=" + tag + "&from=" + today.plusDays(1))
                        .body())
                .doesNotContain(withService.content().title());
        assertThat(web.get("/postmortems?tag=" + tag + "&to=" + today.minusDays(1))
                        .body())
                .doesNotContain(withService.content().title());

        // the drafts tab, for responders
        assertThat(web.get("/postmortems?status=DRAFT").body())
                .contains(stillDraft.content().title());
        String viewer = unique("viewer");
        createUser(viewer, Role.VIEWER, "password-" + viewer);
        String asViewer = login(viewer).get("/postmortems?status=DRAFT").body();
        assertThat(asViewer).doesNotContain(stillDraft.content().title()).doesNotContain("Drafts and in review");
    }

    @Test
    void aPrivateIncidentsPostmortemIsNotListedForAnOutsider() {
        String author = responder();
        Postmortem secret = publish(
                author, draft(author, Severity.SEV2, true, List.of()), "Keys were exposed", List.of("secret-leak"));
        String outsider = responder();

        assertThat(login(author).get("/postmortems?tag=secret-leak").body())
                .contains(secret.content().title());
        String outsiderView =
                login(outsider).get("/postmortems?tag=secret-leak").body();
        assertThat(outsiderView).doesNotContain(secret.content().title());
        assertThat(apiAs(outsider)
                        .get("/api/v1/postmortems/" + secret.id() + "/export.md")
                        .status())
                .isEqualTo(404);
        assertThat(login(outsider)
                        .get("/postmortems/" + secret.id() + "/export.md")
                        .status())
                .isEqualTo(404);
        assertThat(entryTitles(feed(apiAs(outsider))))
                .doesNotContain(secret.content().title());
        assertThat(entryTitles(feed(apiAs(author)))).contains(secret.content().title());
    }

    @Test
    void theAtomFeedIsValidXmlWithTheLatestPublishedEntries() throws Exception {
        String author = responder();
        Postmortem pm = published(author, "Retries <script>alert(1)</script> & backoff **amplified** the load");
        Postmortem draft = draft(author);

        ApiClient api = apiAs(author);
        var r = api.get("/api/v1/postmortems/feed.atom");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/atom+xml");
        Document doc = parse(r.body());
        Element feed = doc.getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(child(feed, "id").getTextContent()).startsWith("tag:");
        assertThat(child(feed, "title").getTextContent()).isEqualTo("Kintsugi post-mortems");
        assertThat(child(feed, "updated").getTextContent()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        NodeList links = feed.getElementsByTagNameNS(ATOM, "link");
        boolean self = false;
        for (int i = 0; i < links.getLength(); i++) {
            Element l = (Element) links.item(i);
            if ("self".equals(l.getAttribute("rel")) && l.getParentNode() == feed) {
                self = l.getAttribute("href").endsWith("/api/v1/postmortems/feed.atom");
            }
        }
        assertThat(self).isTrue();
        // RFC 4287: a feed without authors in every entry names its own; it links to the page it mirrors
        assertThat(child(child(feed, "author"), "name").getTextContent()).isEqualTo("Kintsugi");
        boolean alternate = false;
        for (int i = 0; i < links.getLength(); i++) {
            Element l = (Element) links.item(i);
            alternate |= l.getParentNode() == feed
                    && "alternate".equals(l.getAttribute("rel"))
                    && l.getAttribute("href").endsWith("/postmortems");
        }
        assertThat(alternate).isTrue();

        NodeList entries = feed.getElementsByTagNameNS(ATOM, "entry");
        assertThat(entries.getLength()).isBetween(1, 50);
        Element mine = null;
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            if (child(e, "title").getTextContent().equals(pm.content().title())) {
                mine = e;
            }
            assertThat(child(e, "title").getTextContent())
                    .isNotEqualTo(draft.content().title());
        }
        assertThat(mine).as("entry for " + pm.key()).isNotNull();
        assertThat(child(mine, "id").getTextContent()).startsWith("tag:").endsWith(":postmortem-" + pm.id());
        assertThat(child(mine, "published").getTextContent()).isNotBlank();
        assertThat(child(mine, "updated").getTextContent()).isNotBlank();
        assertThat(child(mine, "link").getAttribute("href")).endsWith("/postmortems/" + pm.id());
        String content = child(mine, "content").getTextContent(); // the HTML, once unescaped by the XML parser
        assertThat(child(mine, "content").getAttribute("type")).isEqualTo("html");
        assertThat(content).contains("<strong>amplified</strong>").contains("&amp; backoff");
        assertThat(content).doesNotContain("<script>");
        assertThat(child(mine, "summary").getTextContent()).contains("Retries").contains("& backoff");

        // the same entries as RSS 2.0
        var rss = api.get("/api/v1/postmortems/feed.rss");
        assertThat(rss.status()).isEqualTo(200);
        assertThat(rss.contentType()).startsWith("application/rss+xml");
        Element channel = rssChild(parse(rss.body()).getDocumentElement(), "channel");
        assertThat(rssChild(channel, "title").getTextContent()).isEqualTo("Kintsugi post-mortems");
        assertThat(rssChild(channel, "link").getTextContent()).endsWith("/postmortems");
        NodeList items = channel.getElementsByTagName("item");
        boolean listed = false;
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            if (rssChild(item, "title").getTextContent().equals(pm.content().title())) {
                listed = rssChild(item, "link").getTextContent().endsWith("/postmortems/" + pm.id())
                        && rssChild(item, "guid").getTextContent().endsWith(":postmortem-" + pm.id());
            }
        }
        assertThat(listed).as("RSS item for " + pm.key()).isTrue();
        assertThat(login(author).get("/postmortems/feed.rss").status()).isEqualTo(200);

        // the same feed from the page address, with a login session
        var page = login(author).get("/postmortems/feed.atom");
        assertThat(page.status()).isEqualTo(200);
        assertThat(entryTitles(parse(page.body()))).contains(pm.content().title());
        // and neither without credentials
        assertThat(anonymousApi().get("/api/v1/postmortems/feed.atom").status()).isEqualTo(401);
        assertThat(new WebSession(baseUrl()).get("/postmortems/feed.atom").status())
                .isEqualTo(302);
    }

    @Test
    void theMarkdownExportHasEveryPart() {
        String author = responder();
        Postmortem pm = published(author, "The pool was exhausted by a retry storm");
        ApiClient api = apiAs(author);
        api.post(
                "/api/v1/postmortems/" + pm.id() + "/countermeasures",
                Map.of(
                        "title",
                        "Alert on pool saturation | above 90 %",
                        "kind",
                        "TELEMETRY_OR_ALERT",
                        "ownerUser",
                        author,
                        "dueDate",
                        LocalDate.now().plusDays(7).toString(),
                        "ticketKey",
                        "OPS-9",
                        "ticketUrl",
                        "https://tracker.example.test/OPS-9"));

        var r = api.get("/api/v1/postmortems/" + pm.id() + "/export.md");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/markdown");
        String md = r.body();
        assertThat(md)
                .startsWith("# " + pm.content().title() + "\n")
                .contains("| Post-mortem | PM-" + pm.id() + " |")
                .contains("| Incident | " + pm.incidentKey() + " |")
                .contains("| Status | Published |")
                .contains("| Origin | Incident |")
                .doesNotContain("PUBLISHED", "TECHNICAL")
                .contains("## Durations")
                .contains("- Time to resolve: ")
                .contains("## Summary\n\nThe pool was exhausted by a retry storm")
                .contains("## Customer impact\n\nCustomers could not pay for 20 minutes")
                .contains("## What went well\n\nThe failover worked")
                .contains("## Where we got lucky\n\nIt was a quiet day")
                .contains("- **Technical**: The pool size was too small for the burst")
                .contains("- Fail over to the second PSP\n  - Why it made sense at the time: Its dashboards were green")
                .contains("## Timeline")
                .contains("(" + pm.incidentKey() + ")")
                .contains("## Countermeasures")
                .contains("Alert on pool saturation \\| above 90 %")
                .contains("[OPS-9](https://tracker.example.test/OPS-9)");

        var page = login(author).get("/postmortems/" + pm.id() + "/export.md");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).isEqualTo(md);
    }

    @Test
    void theDigestSubscriptionIsPersonal() {
        String reader = unique("reader");
        createUser(reader, Role.VIEWER, "password-" + reader);
        ApiClient api = apiAs(reader);
        assertThat(api.get("/api/v1/me/postmortem-digest")
                        .json()
                        .get("subscribed")
                        .asBoolean())
                .isFalse();
        assertThat(api.put("/api/v1/me/postmortem-digest", null).status()).isEqualTo(200);
        assertThat(api.put("/api/v1/me/postmortem-digest", null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me/postmortem-digest")
                        .json()
                        .get("subscribed")
                        .asBoolean())
                .isTrue();
        List<String> subscribers = tx.execute(s -> postmortemsLibrarySubscribers());
        assertThat(subscribers).contains(reader);
        assertThat(api.delete("/api/v1/me/postmortem-digest").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me/postmortem-digest")
                        .json()
                        .get("subscribed")
                        .asBoolean())
                .isFalse();
        assertThat(anonymousApi().put("/api/v1/me/postmortem-digest", null).status())
                .isEqualTo(401);

        // and from the library page
        WebSession web = login(reader);
        assertThat(web.get("/postmortems").body()).contains("Subscribe to the weekly digest");
        var posted = web.post("/postmortems/digest", Map.of("action", "subscribe"));
        assertThat(posted.status()).isEqualTo(302);
        assertThat(web.get("/postmortems").body()).contains("You receive the weekly digest");
        assertThat(api.get("/api/v1/me/postmortem-digest")
                        .json()
                        .get("subscribed")
                        .asBoolean())
                .isTrue();
    }

    @org.springframework.beans.factory.annotation.Autowired
    PostmortemLibrary library;

    private List<String> postmortemsLibrarySubscribers() {
        return library.subscribers();
    }

    private static Document feed(ApiClient api) {
        var r = api.get("/api/v1/postmortems/feed.atom");
        assertThat(r.status()).isEqualTo(200);
        return parse(r.body());
    }

    private static List<String> entryTitles(Document doc) {
        NodeList entries = doc.getDocumentElement().getElementsByTagNameNS(ATOM, "entry");
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < entries.getLength(); i++) {
            titles.add(child((Element) entries.item(i), "title").getTextContent());
        }
        return titles;
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    static Element child(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e
                    && ATOM.equals(e.getNamespaceURI())
                    && name.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getLocalName() + ">");
    }

    /** An RSS 2.0 element (no namespace). */
    static Element rssChild(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getNamespaceURI() == null && name.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getLocalName() + ">");
    }
}
