package dev.kintsugi.platform;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Input that breaks a rule: answered with 400 and the offending field (RFC 9457). A message {@code code} of the
 * bundles (with its arguments) lets pages show it in the viewer's language; the message is its English text.
 */
public class InvalidInputException extends RuntimeException {
    private final String field;
    private final String code;
    private final Object[] args;

    public InvalidInputException(String field, String message) {
        this(field, null, message);
    }

    public InvalidInputException(String field, String code, String message, Object... args) {
        super(message);
        this.field = field;
        this.code = code;
        this.args = args.clone();
    }

    public String field() {
        return field;
    }

    /** The bundle code of the message, or null when it has none (then only the English text exists). */
    public String code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    /** The message for a {@code MessageSource}: the code and arguments, the English text as the default. */
    public MessageSourceResolvable resolvable() {
        return new DefaultMessageSourceResolvable(
                code == null ? new String[0] : new String[] {code}, args.clone(), getMessage());
    }
}
