package dev.kintsugi.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Proxy and toxic names, and the request path they travel in. Toxiproxy asks only that a name be non-empty
 * ({@code missing required field: name}), but addresses it as one path segment ({@code /proxies/{proxy}} in
 * gorilla/mux, which matches {@code [^/]+} in a cleaned path): a name holding {@code /}, or {@code .} and
 * {@code ..} (cleaned away), can be created there yet never read or deleted. Kintsugi refuses those at creation,
 * and control characters and unpaired surrogates too, so every name it accepts can be read and deleted (percent-
 * encoded in the path where needed: {@code /proxies/my%20proxy}).
 */
final class Names {
    static final int MAX_LENGTH = 200;

    private Names() {}

    /** Checks a proxy or toxic name ({@code what} is "name" in the body); 400 naming the rule it breaks. */
    static String check(String what, String name) {
        if (name.isEmpty()) {
            throw ApiException.badRequest("missing required field: " + what);
        }
        if (name.length() > MAX_LENGTH) {
            throw ApiException.badRequest(
                    "bad request body: " + what + " is longer than " + MAX_LENGTH + " characters");
        }
        if (name.equals(".") || name.equals("..")) {
            throw ApiException.badRequest("bad request body: " + what + " may not be '.' or '..'");
        }
        if (name.indexOf('/') >= 0) {
            throw ApiException.badRequest("bad request body: " + what + " may not contain '/'");
        }
        if (hasControlCharacters(name, false)) {
            throw ApiException.badRequest("bad request body: " + what + " may not contain control characters");
        }
        return name;
    }

    /**
     * Whether {@code text} holds control characters (tab, CR and LF allowed when {@code textAllowed}), line or
     * paragraph separators, or unpaired surrogates (which no UTF-8 encoder can write).
     */
    static boolean hasControlCharacters(String text, boolean textAllowed) {
        // codePoints() yields a paired surrogate as one code point above U+FFFF, an unpaired one as itself
        return text.codePoints()
                .anyMatch(c -> (Character.isISOControl(c) && !(textAllowed && (c == '\t' || c == '\n' || c == '\r')))
                        || (c >= 0xD800 && c <= 0xDFFF)
                        || c == 0x2028
                        || c == 0x2029);
    }

    /** At most 100 characters of {@code text}, for error messages. */
    static String clip(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    /** The path's segments, each percent-decoded (UTF-8); leading and trailing slashes ignored. */
    static String[] segments(String rawPath) {
        String[] raw = rawPath.replaceAll("^/+|/+$", "").split("/", -1);
        String[] decoded = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            decoded[i] = decode(raw[i]);
        }
        return decoded;
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
            if (low < 0) {
                throw ApiException.badRequest("bad request path: malformed percent-encoding");
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("bad request path: not UTF-8");
        }
    }
}
