package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.Schedules;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.CalendarFiles;
import dev.kintsugi.platform.InvalidInputException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The iCalendar feeds, without a session (calendar applications cannot log in): the secret in the URL is the
 * credential. A wrong or revoked secret is answered 404, the same as a feed that does not exist. {@code ?lang=en|fr}
 * chooses the language of the summaries.
 */
@RestController
class FeedController {
    private final Schedules schedules;

    FeedController(Schedules schedules) {
        this.schedules = schedules;
    }

    /** The languages a feed's summaries can be in ({@code ?lang=}). */
    static final List<String> LANGUAGES = List.of("en", "fr");

    @GetMapping("/webhooks/oncall/feeds/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token, @RequestParam(required = false) String lang) {
        if (lang != null && !LANGUAGES.contains(lang)) {
            throw new InvalidInputException(
                    "lang", "oncall.invalid.feedLanguage", "en or fr", String.join(", ", LANGUAGES));
        }
        Locale language = lang == null ? null : Locale.forLanguageTag(lang);
        return Actor.runAsSystem("on-call feed by secret URL", () -> schedules.feed(token, language))
                .map(ics -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(CalendarFiles.CONTENT_TYPE))
                        .header("Cache-Control", "private, max-age=300")
                        .body(ics))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }
}
