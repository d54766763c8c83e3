package dev.kintsugi.platform.web;

import dev.kintsugi.platform.DateRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;

/**
 * Dates in query parameters and form fields bound to a date type: ISO-8601 only (a bare number such as
 * {@code 20250101} is not a date) and within {@link DateRange}. A refusal is a 400 naming the parameter (see
 * ApiProblemAdvice) or a field error on the form.
 */
final class DateFormatters {
    private DateFormatters() {}

    static void register(FormatterRegistry registry) {
        registry.addFormatterForFieldType(
                Instant.class, formatter(s -> OffsetDateTime.parse(s).toInstant(), "2026-03-29T14:05:00Z"));
        registry.addFormatterForFieldType(
                OffsetDateTime.class, formatter(OffsetDateTime::parse, "2026-03-29T14:05:00+02:00"));
        registry.addFormatterForFieldType(
                ZonedDateTime.class, formatter(ZonedDateTime::parse, "2026-03-29T14:05:00+02:00[Europe/Paris]"));
        registry.addFormatterForFieldType(LocalDate.class, formatter(LocalDate::parse, "2026-03-29"));
        registry.addFormatterForFieldType(LocalDateTime.class, formatter(LocalDateTime::parse, "2026-03-29T14:05"));
    }

    private static <T extends Temporal> Formatter<T> formatter(Function<String, T> parse, String example) {
        return new Formatter<>() {
            @Override
            public T parse(String text, Locale locale) {
                T value;
                try {
                    value = parse.apply(text.trim());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("is not an ISO-8601 date like " + example);
                }
                if (!DateRange.contains(value)) {
                    throw new IllegalArgumentException(DateRange.MESSAGE);
                }
                return value;
            }

            @Override
            public String print(T value, Locale locale) {
                return value.toString();
            }
        };
    }
}
