package dev.kintsugi.statuspage.web;

import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.statuspage.Audience;
import dev.kintsugi.statuspage.Audiences;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /status/a/<token>}: the status page of one audience, its components only, and its Atom and RSS feeds
 * ({@code …/feed.atom}, {@code …/feed.rss}). An unknown token is 404.
 */
@Controller
class AudiencePages {
    private final Audiences audiences;
    private final StatusPublicController pages;

    AudiencePages(Audiences audiences, StatusPublicController pages) {
        this.audiences = audiences;
        this.pages = pages;
    }

    @GetMapping("/status/a/{token}")
    ResponseEntity<byte[]> page(
            @PathVariable String token,
            @RequestParam(required = false) String tz,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        Audience a = audience(token);
        return pages.html(tz, locale, new HashSet<>(a.serviceIds()), "a" + a.id(), request, response);
    }

    @GetMapping("/status/a/{token}/feed.atom")
    ResponseEntity<byte[]> atom(@PathVariable String token, Locale locale, HttpServletRequest request) {
        Audience a = audience(token);
        return pages.feed(locale, request, true, new HashSet<>(a.serviceIds()), "a" + a.id(), "/status/a/" + token);
    }

    @GetMapping("/status/a/{token}/feed.rss")
    ResponseEntity<byte[]> rss(@PathVariable String token, Locale locale, HttpServletRequest request) {
        Audience a = audience(token);
        return pages.feed(locale, request, false, new HashSet<>(a.serviceIds()), "a" + a.id(), "/status/a/" + token);
    }

    private Audience audience(String token) {
        return audiences.byToken(token).orElseThrow(() -> new NotFoundException("Status page", "audience"));
    }
}
