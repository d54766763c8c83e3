package dev.kintsugi.postmortem;

/**
 * An upload that is not a PNG, JPEG or GIF image this server can decode in full: answered 415 by the API, with
 * {@code field}.
 */
public class UnsupportedImageException extends RuntimeException {
    private final String field;

    public UnsupportedImageException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
