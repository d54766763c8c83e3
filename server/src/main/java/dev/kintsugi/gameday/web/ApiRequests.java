package dev.kintsugi.gameday.web;

import dev.kintsugi.platform.InvalidInputException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What the game-day controllers share: a request body that must be there, the page's absolute address. */
final class ApiRequests {
    private ApiRequests() {}

    /** The body, or a problem naming {@code field} when there is none. */
    static <T> T required(T request, String field) {
        if (request == null) {
            throw new InvalidInputException(field, "validation.required", "must be given");
        }
        return request;
    }

    /** The game day's page, absolute, from the current request. */
    static String pageUrl(long id) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/gamedays/{id}")
                .buildAndExpand(id)
                .toUriString();
    }
}
