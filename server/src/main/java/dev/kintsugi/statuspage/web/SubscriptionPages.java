package dev.kintsugi.statuspage.web;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.InputErrors;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.statuspage.StatusDeliveries;
import dev.kintsugi.statuspage.StatusPageProperties;
import dev.kintsugi.statuspage.SubscribeThrottle;
import dev.kintsugi.statuspage.Subscriptions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * E-mail subscriptions, anonymous: the page's form ({@code POST /status/subscribe}) sends a confirmation mail;
 * its link shows a confirm button (a mail scanner following the link confirms nothing); every mail's
 * unsubscribe link takes a POST at once (RFC 8058 one-click, {@code List-Unsubscribe=One-Click}) or shows a
 * button. These forms carry no CSRF token (the page is cached for everyone): the double opt-in and the link's
 * token are what protect them (see docs/security.md), with the form's throttle ({@link SubscribeThrottle}): over it,
 * 429 with {@code Retry-After}, as problem details to a client asking for JSON, else as the page with the message.
 */
@Controller
class SubscriptionPages {
    private final Subscriptions subscriptions;
    private final StatusDeliveries deliveries;
    private final PublicPages pages;
    private final StatusPageProperties brand;
    private final InputErrors inputErrors;
    private final SubscribeThrottle throttle;
    private final MessageSource messages;

    SubscriptionPages(
            Subscriptions subscriptions,
            StatusDeliveries deliveries,
            PublicPages pages,
            StatusPageProperties brand,
            InputErrors inputErrors,
            SubscribeThrottle throttle,
            MessageSource messages) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.pages = pages;
        this.brand = brand;
        this.inputErrors = inputErrors;
        this.throttle = throttle;
        this.messages = messages;
    }

    @PostMapping("/status/subscribe")
    ResponseEntity<?> subscribe(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) List<String> services,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        Locale lang = PublicPages.language(locale);
        try {
            Optional<Duration> wait = throttle.client(request.getRemoteAddr());
            if (wait.isPresent()) {
                return tooMany(wait.get(), null, lang, request, response);
            }
            String address = Subscriptions.address(email);
            wait = throttle.email(address);
            if (wait.isPresent()) {
                return tooMany(wait.get(), "email", lang, request, response);
            }
            Actor.runAsSystem(
                    "status page subscription",
                    () -> subscriptions.subscribe(address, services, lang).ifPresent(deliveries::confirmation));
            return answer(HttpStatus.OK, "statuspage.subscribe.sent", null, lang, request, response);
        } catch (InvalidInputException e) {
            return answer(
                    HttpStatus.BAD_REQUEST,
                    null,
                    inputErrors.describe(e, "statuspage.field."),
                    lang,
                    request,
                    response);
        }
    }

    /** 429 with Retry-After: problem details to a client asking for JSON, else the page with the message. */
    private ResponseEntity<?> tooMany(
            Duration wait, String field, Locale lang, HttpServletRequest request, HttpServletResponse response) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        long minutes = Math.max(1, (seconds + 59) / 60);
        String detail = messages.getMessage("statuspage.subscribe.tooMany", new Object[] {minutes}, lang);
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && (accept.contains("application/json") || accept.contains("application/problem+json"))) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, detail);
            p.setTitle(messages.getMessage("statuspage.subscribe.tooMany.title", null, lang));
            if (field != null) {
                p.setProperty("field", field);
            }
            p.setProperty("retryAfterSeconds", seconds);
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                    .header("Cache-Control", "no-store")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(p);
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return answer(HttpStatus.TOO_MANY_REQUESTS, null, detail, lang, request, response);
    }

    @GetMapping("/status/subscriptions/{id}/{token}/confirm")
    ResponseEntity<String> confirmForm(
            @PathVariable long id,
            @PathVariable String token,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        return button("statuspage.subscribe.confirm", request, locale, response);
    }

    @PostMapping("/status/subscriptions/{id}/{token}/confirm")
    ResponseEntity<String> confirm(
            @PathVariable long id,
            @PathVariable String token,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        boolean ok = Actor.runAsSystem("status page subscription", () -> subscriptions.confirm(id, token));
        return act(ok ? "statuspage.subscribe.confirmed" : null, locale, request, response);
    }

    @GetMapping("/status/subscriptions/{id}/{token}/unsubscribe")
    ResponseEntity<String> unsubscribeForm(
            @PathVariable long id,
            @PathVariable String token,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        return button("statuspage.subscribe.unsubscribe", request, locale, response);
    }

    @PostMapping("/status/subscriptions/{id}/{token}/unsubscribe")
    ResponseEntity<String> unsubscribe(
            @PathVariable long id,
            @PathVariable String token,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        boolean ok = Actor.runAsSystem("status page subscription", () -> subscriptions.unsubscribe(id, token));
        return act(ok ? "statuspage.subscribe.unsubscribed" : null, locale, request, response);
    }

    /** The answer to a link's button: {@code done} (a message code), or null when the link was wrong (404). */
    private ResponseEntity<String> act(
            String done, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        Locale lang = PublicPages.language(locale);
        return done != null
                ? answer(HttpStatus.OK, done, null, lang, request, response)
                : answer(HttpStatus.NOT_FOUND, "statuspage.subscribe.badLink", null, lang, request, response);
    }

    private ResponseEntity<String> button(
            String action, HttpServletRequest request, Locale locale, HttpServletResponse response) {
        Map<String, Object> model = new HashMap<>();
        model.put("brand", brand);
        model.put("lang", PublicPages.language(locale).getLanguage());
        model.put("action", action);
        model.put("target", request.getRequestURI());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                .header("Cache-Control", "no-store")
                .body(pages.render("statuspage/subscription", model, PublicPages.language(locale), request, response));
    }

    private ResponseEntity<String> answer(
            HttpStatus status,
            String code,
            String error,
            Locale lang,
            HttpServletRequest request,
            HttpServletResponse response) {
        Map<String, Object> model = new HashMap<>();
        model.put("brand", brand);
        model.put("lang", lang.getLanguage());
        model.put("message", code);
        model.put("error", error);
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
                .header("Cache-Control", "no-store")
                .body(pages.render("statuspage/subscription", model, lang, request, response));
    }
}
