package dev.kintsugi.platform;

import java.util.Arrays;
import java.util.Locale;

/** Reading an enum constant from what a person or a form sent, with a 400 naming the field otherwise. */
public final class Enums {
    private Enums() {}

    public static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw notOneOf(field, value, type.getEnumConstants());
        }
    }

    /** "'x' is not one of [A, B]", by the code {@code validation.notOneOf}. */
    public static InvalidInputException notOneOf(String field, Object value, Object[] accepted) {
        String list = list(accepted);
        return new InvalidInputException(
                field, "validation.notOneOf", "'" + value + "' is not one of " + list, String.valueOf(value), list);
    }

    /** "must be one of [A, B]", by the code {@code validation.oneOf}. */
    public static InvalidInputException mustBeOneOf(String field, Object[] accepted) {
        String list = list(accepted);
        return new InvalidInputException(field, "validation.oneOf", "must be one of " + list, list);
    }

    /** The accepted names as the messages show them: {@code [A, B, C]}. */
    public static String list(Object[] accepted) {
        return Arrays.toString(accepted);
    }
}
