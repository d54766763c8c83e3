package dev.kintsugi.postmortem.web;

import dev.kintsugi.catalog.CatalogManagement;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.PageResult;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.Times;
import dev.kintsugi.postmortem.LibraryEntry;
import dev.kintsugi.postmortem.LibraryQuery;
import dev.kintsugi.postmortem.PostmortemExport;
import dev.kintsugi.postmortem.PostmortemLibrary;
import dev.kintsugi.postmortem.PostmortemStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /postmortems}: the organisation-wide library (published; drafts and reviews for responders), its Atom
 * feed, the Markdown export of one post-mortem, and the digest subscription.
 */
@Controller
class LibraryPageController {
    static final String MARKDOWN = "text/markdown;charset=UTF-8";

    private final PostmortemLibrary library;
    private final PostmortemExport export;
    private final CatalogManagement catalog;
    private final AtomFeed feed;
    private final Times times;

    LibraryPageController(
            PostmortemLibrary library, PostmortemExport export, CatalogManagement catalog, AtomFeed feed, Times times) {
        this.library = library;
        this.export = export;
        this.catalog = catalog;
        this.feed = feed;
        this.times = times;
    }

    @GetMapping("/postmortems")
    String library(
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        PostmortemStatus st = PostmortemStatus.PUBLISHED;
        boolean drafts = Actor.hasRole(Role.RESPONDER) && status != null && !status.isBlank();
        if (drafts) {
            st = "IN_REVIEW".equals(status) ? PostmortemStatus.IN_REVIEW : PostmortemStatus.DRAFT;
        }
        LocalDate fromDay = day(from);
        LocalDate toDay = day(to);
        Instant fromAt =
                fromDay == null ? null : fromDay.atStartOfDay(times.zone()).toInstant();
        Instant toAt = toDay == null
                ? null
                : toDay.plusDays(1).atStartOfDay(times.zone()).toInstant();
        PageResult<LibraryEntry> result = library.search(
                new LibraryQuery(service, team, severity, tag, fromAt, toAt, st, q == null ? null : q.strip()),
                Math.max(page, 0),
                20);
        model.addAttribute("result", result);
        model.addAttribute("drafts", drafts);
        model.addAttribute("status", drafts ? st.name() : "");
        model.addAttribute("service", service == null ? "" : service);
        model.addAttribute("team", team == null ? "" : team);
        model.addAttribute("severity", severity == null ? "" : severity);
        model.addAttribute("tag", tag == null ? "" : tag);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("from", fromDay == null ? "" : fromDay.toString());
        model.addAttribute("to", toDay == null ? "" : toDay.toString());
        model.addAttribute("services", catalog.services());
        model.addAttribute("teams", catalog.teams());
        model.addAttribute("severities", List.of("SEV1", "SEV2", "SEV3", "SEV4", "SEV5"));
        model.addAttribute("subscribed", library.subscribed());
        return "postmortem/library";
    }

    @GetMapping(value = "/postmortems/feed.atom")
    ResponseEntity<String> feed() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, AtomFeed.CONTENT_TYPE)
                .body(feed.render("/postmortems/feed.atom"));
    }

    @GetMapping(value = "/postmortems/feed.rss")
    ResponseEntity<String> rss() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, dev.kintsugi.platform.Feeds.RSS)
                .body(feed.rss("/postmortems/feed.rss"));
    }

    @GetMapping("/postmortems/{id}/export.md")
    ResponseEntity<String> export(@PathVariable long id) {
        return markdown(id, export.markdown(id));
    }

    @PostMapping("/postmortems/digest")
    String digest(@RequestParam(defaultValue = "subscribe") String action) {
        if ("unsubscribe".equals(action)) {
            library.unsubscribe();
        } else {
            library.subscribe();
        }
        return "redirect:/postmortems";
    }

    static ResponseEntity<String> markdown(long id, String body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, MARKDOWN)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename("PM-" + id + ".md")
                                .build()
                                .toString())
                .body(body);
    }

    private static LocalDate day(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
