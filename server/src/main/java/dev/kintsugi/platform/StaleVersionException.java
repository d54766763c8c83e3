package dev.kintsugi.platform;

/**
 * The client's copy is stale: it asked (by {@code If-Match} or a {@code version} field) to change version
 * {@code expected}, but the resource is at {@code current}. Answered 412 with {@code currentVersion}; nothing is
 * written. See {@link Versions}.
 */
public class StaleVersionException extends RuntimeException {
    private final long expected;
    private final long current;

    public StaleVersionException(String what, long expected, long current) {
        super(what + " was changed since you read it (you have version " + expected + ", it is now at version "
                + current + "): read it again and reapply your change");
        this.expected = expected;
        this.current = current;
    }

    public long expected() {
        return expected;
    }

    public long current() {
        return current;
    }
}
