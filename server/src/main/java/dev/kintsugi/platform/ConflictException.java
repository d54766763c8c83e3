package dev.kintsugi.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that is well-formed but clashes with the current state (duplicate name, illegal state
 * transition): answered with 409. The properties are added to the problem details as extension members.
 */
public class ConflictException extends RuntimeException {
    private final Map<String, Object> properties;

    public ConflictException(String message) {
        this(message, Map.of());
    }

    public ConflictException(String message, Map<String, Object> properties) {
        super(message);
        this.properties = new LinkedHashMap<>(properties);
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
