package dev.kintsugi.postmortem.web;

import dev.kintsugi.postmortem.PostmortemExport;
import dev.kintsugi.postmortem.PostmortemLibrary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The library for machines: the Atom feed and the Markdown export with a personal API token (feed readers send it
 * as {@code Authorization: Bearer}), and the caller's digest subscription.
 */
@RestController
@Tag(name = "Post-mortem library", description = "Feed, Markdown export and the weekly digest subscription")
class LibraryApiController {
    private final PostmortemLibrary library;
    private final PostmortemExport export;
    private final AtomFeed feed;

    LibraryApiController(PostmortemLibrary library, PostmortemExport export, AtomFeed feed) {
        this.library = library;
        this.export = export;
        this.feed = feed;
    }

    @GetMapping("/api/v1/postmortems/feed.atom")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Atom feed of the latest 50 published post-mortems")
    ResponseEntity<String> feed() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, AtomFeed.CONTENT_TYPE)
                .body(feed.render("/api/v1/postmortems/feed.atom"));
    }

    @GetMapping("/api/v1/postmortems/feed.rss")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "RSS 2.0 feed of the latest 50 published post-mortems (the Atom feed's entries)")
    ResponseEntity<String> rss() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, dev.kintsugi.platform.Feeds.RSS)
                .body(feed.rss("/api/v1/postmortems/feed.rss"));
    }

    @GetMapping("/api/v1/postmortems/{id}/export.md")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One post-mortem as Markdown")
    ResponseEntity<String> export(@PathVariable long id) {
        return LibraryPageController.markdown(id, export.markdown(id));
    }

    @GetMapping("/api/v1/me/postmortem-digest")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Whether you receive the weekly digest")
    Map<String, Boolean> digest() {
        return Map.of("subscribed", library.subscribed());
    }

    @PutMapping("/api/v1/me/postmortem-digest")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Subscribe to the weekly digest of published post-mortems")
    Map<String, Boolean> subscribe() {
        library.subscribe();
        return Map.of("subscribed", true);
    }

    @DeleteMapping("/api/v1/me/postmortem-digest")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Unsubscribe from the weekly digest")
    ResponseEntity<Void> unsubscribe() {
        library.unsubscribe();
        return ResponseEntity.noContent().build();
    }
}
