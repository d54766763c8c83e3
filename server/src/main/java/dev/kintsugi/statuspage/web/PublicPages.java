package dev.kintsugi.statuspage.web;

import dev.kintsugi.platform.KintsugiProperties;
import dev.kintsugi.platform.Times;
import dev.kintsugi.statuspage.StatusPageProperties;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * What every public answer shares: the visitor's language (English or French) and zone ({@code ?tz=}, UTC
 * when absent or unknown), the page rendered to a string (so that it can be cached) and the conditional answer
 * (ETag, 304, Cache-Control, Vary).
 */
@Component
class PublicPages {
    static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    static final ZoneId UTC = ZoneId.of("UTC");

    private final ITemplateEngine templates;
    private final JakartaServletWebApplication application;
    private final StatusPageProperties properties;
    private final RenderedPages cache;
    private final KintsugiProperties kintsugi;

    PublicPages(
            KintsugiProperties kintsugi,
            ITemplateEngine templates,
            ServletContext servletContext,
            StatusPageProperties properties,
            RenderedPages cache) {
        this.templates = templates;
        this.application = JakartaServletWebApplication.buildApplication(servletContext);
        this.properties = properties;
        this.cache = cache;
        this.kintsugi = kintsugi;
    }

    static Locale language(Locale requested) {
        return requested != null && "fr".equals(requested.getLanguage()) ? Locale.FRENCH : Locale.ENGLISH;
    }

    static ZoneId zone(String tz) {
        if (tz == null || tz.isBlank() || tz.length() > 64) {
            return UTC;
        }
        String t = tz.strip();
        return ZONES.contains(t) ? ZoneId.of(t) : UTC;
    }

    /** The absolute base of the public pages (never the request's Host header: answers are cached). */
    String base() {
        return properties.base(kintsugi);
    }

    String render(
            String template,
            Map<String, Object> model,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        var context = new WebContext(application.buildExchange(request, response), locale, model);
        return templates.process(template, context);
    }

    ResponseEntity<byte[]> answer(RenderedPages.Rendered r, HttpServletRequest request, Locale lang) {
        String inm = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        var headers = new HttpHeaders();
        headers.setETag(r.etag());
        headers.setCacheControl("public, max-age=" + properties.cacheTtl().toSeconds());
        headers.setVary(java.util.List.of(HttpHeaders.ACCEPT_LANGUAGE));
        if (lang != null) {
            headers.set(HttpHeaders.CONTENT_LANGUAGE, lang.getLanguage());
        }
        headers.set("Content-Security-Policy", csp());
        if (inm != null && (inm.contains(r.etag()) || inm.strip().equals("*"))) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        headers.set(HttpHeaders.CONTENT_TYPE, r.contentType());
        return new ResponseEntity<>(r.body(), headers, HttpStatus.OK);
    }

    RenderedPages cache() {
        return cache;
    }

    private String csp() {
        String logo = properties.logoOrigin() == null ? "" : " " + properties.logoOrigin();
        return "default-src 'self'; img-src 'self' data:" + logo + "; style-src 'self' 'unsafe-inline'; "
                + "script-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";
    }

    /** Times on the public page, in the visitor's zone. */
    record PublicTimes(ZoneId zone) {
        public String format(Instant instant) {
            return instant == null ? "" : Times.format(instant, zone);
        }

        public String iso(Instant instant) {
            return instant == null ? "" : instant.toString();
        }
    }
}
