package dev.kintsugi.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;

/**
 * The window every date and instant the product accepts must fall in: years 1970 to 9999. Outside it a value is
 * almost certainly a mistake (a day count read as a date, a year typed with six digits), and the database cannot
 * store all of it. Checked at the boundary: JSON bodies, query parameters and form fields.
 */
public final class DateRange {
    public static final int FIRST_YEAR = 1970;
    public static final int LAST_YEAR = 9999;
    public static final String MESSAGE = "must be between the years " + FIRST_YEAR + " and " + LAST_YEAR;

    private static final Instant FIRST =
            LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant AFTER_LAST =
            LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    private DateRange() {}

    public static boolean contains(Instant instant) {
        return instant == null || (!instant.isBefore(FIRST) && instant.isBefore(AFTER_LAST));
    }

    /** For an instant, offset or zoned time, its instant; for a local date or date-time, its year. */
    public static boolean contains(Temporal t) {
        return switch (t) {
            case null -> true;
            case Instant i -> contains(i);
            case OffsetDateTime o -> contains(o.toInstant());
            case ZonedDateTime z -> contains(z.toInstant());
            case LocalDate d -> d.getYear() >= FIRST_YEAR && d.getYear() <= LAST_YEAR;
            case LocalDateTime d -> d.getYear() >= FIRST_YEAR && d.getYear() <= LAST_YEAR;
            default -> true;
        };
    }

    /** {@code value} unchanged, or a 400 naming {@code field}. */
    public static <T extends Temporal> T require(T value, String field) {
        if (!contains(value)) {
            throw new InvalidInputException(
                    field, "validation.years", MESSAGE, String.valueOf(FIRST_YEAR), String.valueOf(LAST_YEAR));
        }
        return value;
    }
}
