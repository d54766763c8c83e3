package dev.kintsugi.search.web;

import dev.kintsugi.search.DocumentType;
import dev.kintsugi.search.RebuildProgress;
import dev.kintsugi.search.Search;
import dev.kintsugi.search.SearchQuery;
import dev.kintsugi.search.SearchResults;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Search for machines: the same query as the search box, similar incidents, and the index's rebuild. */
@RestController
@Tag(name = "Search", description = "Full-text search, similar incidents, rebuilding the index")
class SearchApiController {
    private final Search search;

    SearchApiController(Search search) {
        this.search = search;
    }

    @GetMapping("/api/v1/search")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(
            summary = "Search incidents, post-mortems, countermeasures, experiments and runbooks",
            description = "q is Lucene syntax (\"phrases\", pre*, word~, AND/OR/-) plus the filters type:, service:,"
                    + " team:, severity:, tag:, status:, after:, before:, period: (2026, 2026-03, 2026-03-14 or"
                    + " 2026-01-01..2026-03-31). The parameters filter too. Private incidents, their post-mortems"
                    + " and countermeasures count only for their participants and admins, in hits and facets."
                    + " Titles and snippets are escaped HTML with the matched words in <mark>.")
    SearchResults search(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) @Parameter(description = "document types (repeatable)")
                    List<DocumentType> type,
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) @Parameter(description = "dated at or after (ISO-8601)") Instant from,
            @RequestParam(required = false) @Parameter(description = "dated before (ISO-8601)") Instant to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return search.search(new SearchQuery(
                q, type == null ? Set.of() : Set.copyOf(type), service, team, severity, tag, from, to, page, size));
    }

    @GetMapping("/api/v1/search/similar")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(
            summary = "Past incidents and post-mortems like this title and description",
            description = "MoreLikeThis over titles and texts, with a boost for the same services; each hit names"
                    + " the words that matched. exclude leaves out an incident (by key) and its post-mortem.")
    List<SearchResults.Hit> similar(
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String description,
            @RequestParam(required = false) List<String> service,
            @RequestParam(required = false) String exclude,
            @RequestParam(defaultValue = "5") int limit) {
        return search.similar(title, description, service, exclude, limit);
    }

    @GetMapping("/api/v1/search/rebuild")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Progress of the last rebuild of the index (admins)")
    RebuildProgress progress() {
        return search.rebuildProgress();
    }

    @PostMapping("/api/v1/search/rebuild")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Rebuild the index from the database in the background (admins); answers its progress")
    ResponseEntity<RebuildProgress> rebuild() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(search.rebuild());
    }
}
