package dev.kintsugi.proxy;

import java.util.Locale;

/** The direction a toxic acts on: upstream is client to server, downstream is server to client. */
public enum Stream {
    UPSTREAM,
    DOWNSTREAM;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Stream parse(String text) {
        return switch (text) {
            case "upstream" -> UPSTREAM;
            case "downstream" -> DOWNSTREAM;
            default -> throw ApiException.badRequest("stream was invalid, can be either upstream or downstream");
        };
    }
}
