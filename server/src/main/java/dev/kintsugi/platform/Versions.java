package dev.kintsugi.platform;

import java.util.OptionalLong;

/**
 * Optimistic concurrency, the same for every mutable API resource. A resource's response carries its
 * {@code version} (a number that grows on every change) and the header {@code ETag: "<version>"}. A client that
 * wants its write refused when someone else changed the resource since it read it sends {@code If-Match:
 * "<version>"} (or the {@code version} field where a request body has one): a stale write is answered 412 with
 * the current version and changes nothing. Independently of what the client sends, the server's own
 * read-modify-write is guarded by the version in the database ({@code update ... where version = ?}), so two
 * concurrent writes never silently lose one another: the loser gets 409 and may retry.
 */
public final class Versions {
    public static final String IF_MATCH = "If-Match";

    private Versions() {}

    /** The strong entity tag of {@code version}: {@code "3"}. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header asks for; empty when the header is absent or {@code *}. A weak tag
     * ({@code W/"3"}) is read as its version. Anything else is refused with a 400 naming the header.
     */
    public static OptionalLong ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return OptionalLong.empty();
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long v = Long.parseLong(tag);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(v);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    IF_MATCH, "platform.validation.ifMatch", "must be an entity tag from an ETag header, like \"3\"");
        }
    }

    /** {@link #ifMatch(String)} as a nullable number, for facades that take an expected version (null: none). */
    public static Long expected(String ifMatchHeader) {
        OptionalLong v = ifMatch(ifMatchHeader);
        return v.isPresent() ? v.getAsLong() : null;
    }

    /** Refuses with 412 when the client expected a version other than {@code current}; {@code null} expects none. */
    public static void require(Long expected, long current, String what) {
        if (expected != null && expected != current) {
            throw new StaleVersionException(what, expected, current);
        }
    }

    /** {@link #require(Long, long, String)} for an {@code If-Match} header value. */
    public static void requireIfMatch(String ifMatchHeader, long current, String what) {
        OptionalLong expected = ifMatch(ifMatchHeader);
        if (expected.isPresent()) {
            require(expected.getAsLong(), current, what);
        }
    }
}
