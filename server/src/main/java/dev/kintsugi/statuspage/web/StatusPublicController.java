package dev.kintsugi.statuspage.web;

import dev.kintsugi.platform.Feeds;
import dev.kintsugi.statuspage.StatusPageProperties;
import dev.kintsugi.statuspage.StatusSnapshot;
import dev.kintsugi.statuspage.StatusSnapshots;
import dev.kintsugi.statuspage.UpdateTexts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public status page, its feeds and its Statuspage-compatible JSON ({@code /status/**}, no login). Every
 * answer is cached per language and zone ({@link RenderedPages}) and answered conditionally.
 */
@Controller
class StatusPublicController {
    private final StatusSnapshots snapshots;
    private final PublicPages pages;
    private final StatusPageProperties properties;
    private final MessageSource messages;
    private final JsonMapper json;

    StatusPublicController(
            StatusSnapshots snapshots,
            PublicPages pages,
            StatusPageProperties properties,
            MessageSource messages,
            JsonMapper json) {
        this.snapshots = snapshots;
        this.pages = pages;
        this.properties = properties;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/status")
    ResponseEntity<byte[]> page(
            @RequestParam(required = false) String tz,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        return html(tz, locale, null, "", request, response);
    }

    /** The page of one audience (its secret link); see {@link AudiencePages}. */
    ResponseEntity<byte[]> html(
            String tz,
            Locale locale,
            Set<Long> audience,
            String audienceKey,
            HttpServletRequest request,
            HttpServletResponse response) {
        Locale lang = PublicPages.language(locale);
        ZoneId zone = PublicPages.zone(tz);
        String key = "html|" + lang.getLanguage() + "|" + zone.getId() + "|" + audienceKey;
        var rendered = pages.cache().get(key, MediaType.TEXT_HTML_VALUE + ";charset=UTF-8", () -> {
            StatusSnapshot s = snapshots.build(zone, audience);
            Map<String, Object> model = new HashMap<>();
            model.put("snapshot", s);
            model.put("brand", properties);
            model.put("fmt", new PublicPages.PublicTimes(zone));
            model.put("texts", new UpdateTexts(messages, lang, properties.name()));
            model.put("zone", zone.getId());
            model.put("lang", lang.getLanguage());
            model.put("audience", audience != null);
            model.put("selfPath", request.getRequestURI());
            model.put("feedPath", audience == null ? "/status" : request.getRequestURI());
            return pages.render("statuspage/page", model, lang, request, response);
        });
        return pages.answer(rendered, request, lang);
    }

    @GetMapping("/status/feed.atom")
    ResponseEntity<byte[]> atom(Locale locale, HttpServletRequest request) {
        return feed(locale, request, true);
    }

    @GetMapping("/status/feed.rss")
    ResponseEntity<byte[]> rss(Locale locale, HttpServletRequest request) {
        return feed(locale, request, false);
    }

    private ResponseEntity<byte[]> feed(Locale locale, HttpServletRequest request, boolean atom) {
        return feed(locale, request, atom, null, "", "/status");
    }

    /** A feed of the whole page, or of one audience (its components only, under its secret link's path). */
    ResponseEntity<byte[]> feed(
            Locale locale,
            HttpServletRequest request,
            boolean atom,
            Set<Long> audience,
            String audienceKey,
            String path) {
        Locale lang = PublicPages.language(locale);
        String base = pages.base();
        String key = (atom ? "atom|" : "rss|") + lang.getLanguage() + "|" + base + "|" + audienceKey;
        var rendered = pages.cache().get(key, atom ? Feeds.ATOM : Feeds.RSS, () -> {
            var feed = StatusFeeds.feed(
                    snapshots.build(PublicPages.UTC, audience),
                    properties,
                    new UpdateTexts(messages, lang, properties.name()),
                    messages,
                    lang,
                    base + path,
                    audienceKey,
                    atom);
            return atom ? Feeds.atom(feed) : Feeds.rss(feed);
        });
        return pages.answer(rendered, request, lang);
    }

    @GetMapping("/status/api/v2/summary.json")
    ResponseEntity<byte[]> summary(HttpServletRequest request) {
        return jsonAnswer("summary", request, true);
    }

    @GetMapping("/status/api/v2/status.json")
    ResponseEntity<byte[]> status(HttpServletRequest request) {
        return jsonAnswer("status", request, false);
    }

    private ResponseEntity<byte[]> jsonAnswer(String what, HttpServletRequest request, boolean full) {
        String base = pages.base();
        var rendered = pages.cache()
                .get(
                        what + "|" + base,
                        MediaType.APPLICATION_JSON_VALUE,
                        () -> json.writeValueAsString(StatuspageJson.of(
                                snapshots.build(PublicPages.UTC, null),
                                properties,
                                new UpdateTexts(messages, Locale.ENGLISH, properties.name()),
                                base,
                                full)));
        return pages.answer(rendered, request, null);
    }
}
