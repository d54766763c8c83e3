package dev.kintsugi.insights.web;

import dev.kintsugi.platform.Times;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * How a table cell reads: on the page (durations as "3 h 12 min", "—" for nothing measured) and in CSV
 * (durations in seconds, hours with two decimals, empty for nothing), in the reader's language.
 */
@Component("insightsCells")
class InsightsCells {
    private final MessageSource messages;
    private final Times times;

    InsightsCells(MessageSource messages, Times times) {
        this.messages = messages;
        this.times = times;
    }

    /** A column header: a message code, or a severity's name as it is. */
    public String header(String code) {
        return code.matches("SEV\\d") ? code : messages.getMessage(code, null, code, locale());
    }

    public String html(Object cell) {
        return switch (cell) {
            case null -> "—";
            case InsightsTables.Seconds s ->
                s.value() == null ? "—" : times.duration(Duration.ofSeconds(Math.round(s.value())));
            case InsightsTables.Hours h -> h.value() == null ? "—" : String.format(locale(), "%.1f h", h.value());
            case InsightsTables.Code c -> text(c);
            default -> String.valueOf(cell);
        };
    }

    public String csv(Object cell) {
        return switch (cell) {
            case null -> "";
            case InsightsTables.Seconds s -> s.value() == null ? "" : Long.toString(Math.round(s.value()));
            case InsightsTables.Hours h -> h.value() == null ? "" : String.format(Locale.ROOT, "%.2f", h.value());
            case InsightsTables.Code c -> text(c);
            default -> String.valueOf(cell);
        };
    }

    /** Whether a cell is a figure (right-aligned on the page). */
    public boolean numeric(Object cell) {
        return cell instanceof Number || cell instanceof InsightsTables.Seconds || cell instanceof InsightsTables.Hours;
    }

    private String text(InsightsTables.Code c) {
        if (c.code().isEmpty()) {
            return "";
        }
        return Arrays.stream(c.code().split(","))
                .map(code -> messages.getMessage(code, null, code, locale()))
                .collect(Collectors.joining(", "));
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
