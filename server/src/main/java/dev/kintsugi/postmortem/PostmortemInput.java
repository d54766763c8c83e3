package dev.kintsugi.postmortem;

import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.TextInput;
import java.net.URI;

/** Boundary checks of what people type into post-mortems and countermeasures: blank, length, URLs. */
final class PostmortemInput {
    static final int MAX_TEXT = 50_000;

    private PostmortemInput() {}

    static String required(String value, String field, int max) {
        return TextInput.required(value, field, max);
    }

    static String optional(String value, String field, int max) {
        return TextInput.optional(value, field, max);
    }

    static String limit(String value, String field, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(field, "validation.tooLong", "must be at most " + max + " characters", max);
        }
        return value;
    }

    /** An http(s) URL with a host, or a 400 naming {@code field}. */
    static String url(String value, String field, int max) {
        String v = required(value, field, max);
        try {
            URI uri = URI.create(v);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equalsIgnoreCase("http")
                            || uri.getScheme().equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "validation.url", "must be an http(s) URL");
        }
        return v;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
