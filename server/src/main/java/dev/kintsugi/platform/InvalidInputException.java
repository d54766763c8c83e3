package dev.kintsugi.platform;

/** Input that breaks a rule: answered with 400 and the offending field (RFC 9457). */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
