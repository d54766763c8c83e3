package dev.kintsugi.postmortem;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.catalog.CatalogService;
import dev.kintsugi.incident.IncidentManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.AuditLog;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.Markdown;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.platform.Role;
import dev.kintsugi.postmortem.persistence.LibraryRepository;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organisation-wide library of post-mortems: published ones for everyone, drafts and reviews for
 * responders; private incidents' post-mortems only for those who may see the incident. Also the digest
 * subscriptions.
 */
@Service
@Transactional(readOnly = true)
public class PostmortemLibrary {
    public static final int EXCERPT = 280;

    private final LibraryRepository repo;
    private final PostmortemManagement postmortems;
    private final CatalogManagement catalog;
    private final IncidentManagement incidents;
    private final Markdown markdown;
    private final JsonMapper json;
    private final AuditLog audit;
    private final Clock clock;

    PostmortemLibrary(
            LibraryRepository repo,
            PostmortemManagement postmortems,
            CatalogManagement catalog,
            IncidentManagement incidents,
            Markdown markdown,
            JsonMapper json,
            AuditLog audit,
            Clock clock) {
        this.repo = repo;
        this.postmortems = postmortems;
        this.catalog = catalog;
        this.incidents = incidents;
        this.markdown = markdown;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    public PageResult<LibraryEntry> search(LibraryQuery q, int page, int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "validation.notNegative", "must be 0 or more");
        }
        PostmortemStatus status = q.status() == null ? PostmortemStatus.PUBLISHED : q.status();
        if (status != PostmortemStatus.PUBLISHED && !Actor.hasRole(Role.RESPONDER)) {
            throw new InvalidInputException(
                    "status", "postmortem.validation.draftsForResponders", "drafts and reviews are for responders");
        }
        List<Long> serviceIds = null;
        if (!blank(q.service())) {
            serviceIds = catalog.findService(q.service().trim().toLowerCase(Locale.ROOT))
                    .map(s -> List.of(s.id()))
                    .orElse(List.of());
        }
        if (!blank(q.team())) {
            List<Long> ofTeam = catalog.findTeam(q.team().trim().toLowerCase(Locale.ROOT))
                    .map(t -> catalog.servicesOwnedBy(t.id()).stream()
                            .map(CatalogService::id)
                            .toList())
                    .orElse(List.of());
            serviceIds = serviceIds == null
                    ? ofTeam
                    : serviceIds.stream().filter(ofTeam::contains).toList();
        }
        String severity = blank(q.severity()) ? null : q.severity().trim().toUpperCase(Locale.ROOT);
        String tag = blank(q.tag()) ? null : q.tag().trim().toLowerCase(Locale.ROOT);
        ReadAccess viewer = postmortems.readAccess();
        return repo.search(
                        new LibraryRepository.Query(
                                status, serviceIds, severity, tag, q.from(), q.to(), viewer, limitedText(q.text())),
                        page,
                        PageResult.clampSize(size, 20))
                .map(this::entry);
    }

    /** The words to search for: the first 10 of the first 200 characters (a search box, not a document). */
    private static String limitedText(String text) {
        if (blank(text)) {
            return null;
        }
        String t = text.strip();
        t = t.substring(0, Math.min(t.length(), 200));
        String[] words = t.split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, 10)));
    }

    /** The latest published post-mortems the viewer may see, newest first. */
    public List<LibraryEntry> latest(int n) {
        return search(LibraryQuery.published(), 0, n).items();
    }

    /** Post-mortems published in [from, to) that the current viewer may see, for the digest. */
    public List<LibraryEntry> publishedBetween(java.time.Instant from, java.time.Instant to) {
        return repo.search(
                        new LibraryRepository.Query(
                                PostmortemStatus.PUBLISHED, null, null, null, from, to, postmortems.readAccess(), null),
                        0,
                        200)
                .map(this::entry)
                .items();
    }

    /** Sanitised HTML of a summary, for pages and feeds. */
    public String html(String markdownText) {
        return markdown.toHtml(markdownText);
    }

    // ---- digest subscriptions ----

    public boolean subscribed() {
        return repo.subscribed(Actor.current());
    }

    @Transactional
    public void subscribe() {
        String me = Actor.current();
        if (repo.subscribe(me, clock.instant())) {
            audit.record(
                    "postmortem.digest-subscribed",
                    "user",
                    me,
                    me + " subscribed to the weekly post-mortem digest",
                    null,
                    Map.of("subscribed", true));
        }
    }

    @Transactional
    public void unsubscribe() {
        String me = Actor.current();
        if (repo.unsubscribe(me)) {
            audit.record(
                    "postmortem.digest-unsubscribed",
                    "user",
                    me,
                    me + " unsubscribed from the weekly post-mortem digest",
                    Map.of("subscribed", true),
                    Map.of("subscribed", false));
        }
    }

    public List<String> subscribers() {
        return repo.subscribers();
    }

    // ---- mapping ----

    private LibraryEntry entry(LibraryRepository.Row r) {
        String title = r.title();
        String severity = r.severity();
        String summary = r.summary();
        List<String> services;
        List<String> tags;
        if (r.publishedContent() != null) {
            PostmortemContent c = json.readValue(r.publishedContent(), PostmortemContent.class);
            title = c.title();
            severity = c.severity();
            summary = c.summary();
            services = c.services();
            tags = c.tags();
        } else {
            services = catalog.servicesById(repo.serviceIds(r.id())).stream()
                    .map(CatalogService::name)
                    .toList();
            tags = repo.tags(r.id());
        }
        String incidentKey = null;
        if (r.incidentId() != null) {
            try {
                incidentKey = Actor.runAs(
                        Actor.SYSTEM,
                        Role.ADMIN,
                        () -> incidents.get(r.incidentId()).key());
            } catch (NotFoundException e) {
                incidentKey = null;
            }
        }
        return new LibraryEntry(
                r.id(),
                r.incidentId(),
                incidentKey,
                title,
                severity,
                r.status(),
                services,
                tags,
                r.publishedAt(),
                r.updatedAt(),
                summary,
                excerpt(summary));
    }

    /** The summary as plain text, cut at a word near {@link #EXCERPT} characters. */
    String excerpt(String summary) {
        if (blank(summary)) {
            return "";
        }
        String text = HtmlUtils.htmlUnescape(markdown.toHtml(summary).replaceAll("<[^>]+>", " "))
                .replaceAll("\\s+", " ")
                .trim();
        if (text.length() <= EXCERPT) {
            return text;
        }
        int cut = text.lastIndexOf(' ', EXCERPT);
        return text.substring(0, cut > EXCERPT / 2 ? cut : EXCERPT) + "…";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
