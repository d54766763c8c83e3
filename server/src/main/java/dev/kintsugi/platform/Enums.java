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
            throw new InvalidInputException(
                    field, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
