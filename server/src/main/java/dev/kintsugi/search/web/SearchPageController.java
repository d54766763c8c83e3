package dev.kintsugi.search.web;

import dev.kintsugi.platform.InputErrors;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.search.DocumentType;
import dev.kintsugi.search.Search;
import dev.kintsugi.search.SearchQuery;
import dev.kintsugi.search.SearchResults;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search pages: the results of the top bar's box (with facets that narrow the query), the similar-incident
 * list the declare form asks for as people type, and the admins' index page (rebuild, with its progress).
 */
@Controller
class SearchPageController {
    static final int PAGE_SIZE = 20;
    private final Search search;
    private final InputErrors errors;
    private final Followups followups;
    private final dev.kintsugi.platform.LiveUpdates live;

    SearchPageController(
            Search search, InputErrors errors, Followups followups, dev.kintsugi.platform.LiveUpdates live) {
        this.live = live;
        this.search = search;
        this.errors = errors;
        this.followups = followups;
    }

    @GetMapping("/search/help")
    @PreAuthorize("hasRole('VIEWER')")
    String help() {
        return "search/help";
    }

    @GetMapping("/search")
    @PreAuthorize("hasRole('VIEWER')")
    String results(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String severity,
            @RequestParam(defaultValue = "0") int page,
            Model model,
            HttpServletResponse response) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("type", type);
        model.addAttribute("service", service);
        model.addAttribute("team", team);
        model.addAttribute("severity", severity);
        model.addAttribute("progress", search.indexProgress());
        try {
            Set<DocumentType> types = type == null || type.isBlank()
                    ? Set.of()
                    : Set.of(dev.kintsugi.platform.Enums.parse(
                            DocumentType.class, type.toUpperCase(Locale.ROOT), "type"));
            SearchResults results = search.search(
                    new SearchQuery(q, types, service, team, severity, null, null, null, Math.max(0, page), PAGE_SIZE));
            model.addAttribute("results", results);
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorMessage", errors.describe(e, "search.field."));
        }
        return "search/results";
    }

    @GetMapping("/search/similar")
    @PreAuthorize("hasRole('VIEWER')")
    String similar(
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) List<String> services,
            @RequestParam(required = false) String exclude,
            Model model) {
        List<dev.kintsugi.search.SearchResults.Hit> similar = search.similar(title, description, services, exclude, 5);
        model.addAttribute("similar", similar);
        model.addAttribute("openCountermeasures", followups.of(similar));
        model.addAttribute(
                "typed", (title != null && !title.isBlank()) || (description != null && !description.isBlank()));
        return "search/fragments :: similar-list";
    }

    @GetMapping("/admin/search")
    String admin(Model model) {
        model.addAttribute("adminTab", "search");
        model.addAttribute("progress", search.rebuildProgress());
        return "search/admin";
    }

    @GetMapping("/admin/search/progress")
    String progress(Model model) {
        model.addAttribute("progress", search.rebuildProgress());
        return "search/fragments :: progress";
    }

    /** The rebuild's progress, live: an event each time it moves on (the page then asks for the fragment). */
    @GetMapping(path = "/admin/search/stream", produces = "text/event-stream")
    org.springframework.web.servlet.mvc.method.annotation.SseEmitter stream() {
        return live.subscribe("search:rebuild");
    }

    @PostMapping("/admin/search/rebuild")
    String rebuild() {
        search.rebuild();
        return "redirect:/admin/search";
    }
}
