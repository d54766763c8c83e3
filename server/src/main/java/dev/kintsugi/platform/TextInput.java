package dev.kintsugi.platform;

/**
 * The checks every module makes of a typed text: blank or not, and not longer than its limit, refused with the
 * platform's message codes ({@code validation.blank}, {@code validation.tooLong}) naming the field. Values are
 * stripped of surrounding white space.
 */
public final class TextInput {
    private TextInput() {}

    /** The stripped value; 400 naming {@code field} when blank or longer than {@code max}. */
    public static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "validation.blank", "must not be blank");
        }
        return optional(value, field, max);
    }

    /** The stripped value, null when blank; 400 naming {@code field} when longer than {@code max}. */
    public static String optional(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInputException(field, "validation.tooLong", "must be at most " + max + " characters", max);
        }
        return v;
    }
}
