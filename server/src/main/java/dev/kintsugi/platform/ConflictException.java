package dev.kintsugi.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * A request that is well-formed but clashes with the current state (duplicate name, illegal state
 * transition): answered with 409. The properties are added to the problem details as extension members. A message
 * {@code code} of the bundles (with its arguments) lets the answer be in the reader's language; the message is its
 * English text.
 */
public class ConflictException extends RuntimeException {
    private final Map<String, Object> properties;
    private final String code;
    private final Object[] args;

    public ConflictException(String message) {
        this(message, Map.of());
    }

    public ConflictException(String message, Map<String, Object> properties) {
        this(null, message, properties);
    }

    public ConflictException(String code, String message, Map<String, Object> properties, Object... args) {
        super(message);
        this.properties = new LinkedHashMap<>(properties);
        this.code = code;
        this.args = args.clone();
    }

    public Map<String, Object> properties() {
        return properties;
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
