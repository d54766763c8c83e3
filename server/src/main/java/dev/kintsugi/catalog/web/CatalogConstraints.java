package dev.kintsugi.catalog.web;

/** Patterns the API checks at the boundary; the facade checks them again for every other caller. */
final class CatalogConstraints {
    static final String SLUG = "[a-z0-9][a-z0-9-]{0,63}";
    static final String SLUG_MESSAGE =
            "1 to 64 characters: lower-case letters, digits and '-', starting with a letter or digit";
    /** http or https with a host; an empty string is allowed on changes (it clears the link). */
    static final String HTTP_URL = "^$|(?i)https?://[^\\s/?#]+[^\\s]*";

    static final String HTTP_URL_MESSAGE = "must be an http(s) URL";

    static final String IF_MATCH_DOC = "the ETag as you read it (\"3\"): a write to something changed since is"
            + " refused with 412 and changes nothing";

    private CatalogConstraints() {}
}
