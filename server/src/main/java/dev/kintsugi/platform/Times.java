package dev.kintsugi.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Times as the viewer sees them. Everything is stored as an {@link Instant}; pages render it in the viewer's
 * zone (their profile setting, else their browser's, else UTC). Used from templates as
 * {@code ${@times.format(instant)}}.
 */
@Component("times")
public class Times {
    /** The header kintsugi.js adds to every htmx request: the browser's IANA time zone. */
    public static final String BROWSER_ZONE_HEADER = "X-Kintsugi-Time-Zone";

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final java.util.regex.Pattern BROWSER_ZONE =
            java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_+-]{0,30}(/[A-Za-z0-9_+-]{1,30}){0,2}");
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final UserManagement users;
    private final Clock clock;

    Times(UserManagement users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    /**
     * The viewer's zone: their profile's; else the zone their browser sends with htmx requests ({@value
     * #BROWSER_ZONE_HEADER}, until the page has adopted it into the profile); else UTC. Read from the viewer's
     * account, which {@link UserManagement#viewer()} keeps once per request and drops when it changes, so there is
     * no second copy here that could go stale.
     */
    public ZoneId zone() {
        return users.viewer()
                .map(UserAccount::timeZone)
                .map(ZoneId::of)
                .or(Times::browserZone)
                .orElse(UTC);
    }

    private static Optional<ZoneId> browserZone() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request) {
            String zone = request.getRequest().getHeader(BROWSER_ZONE_HEADER);
            if (zone != null && BROWSER_ZONE.matcher(zone).matches()) {
                try {
                    return Optional.of(ZoneId.of(zone));
                } catch (java.time.DateTimeException e) {
                    return Optional.empty(); // not a zone this JDK knows: as if not sent
                }
            }
        }
        return Optional.empty();
    }

    public String zoneName() {
        return zone().getId();
    }

    /** "2026-03-29 14:05 CEST" in the viewer's zone. */
    public String format(Instant instant) {
        return instant == null ? "" : format(instant, zone());
    }

    // Each method below resolves the zone once: the clock and its label must come from the same zone (issue 10.2:
    // a live entry once showed the UTC clock with the Paris label).

    public static String format(Instant instant, ZoneId zone) {
        ZonedDateTime z = instant.atZone(zone);
        return MINUTE.format(z) + " " + abbreviation(z);
    }

    private static String abbreviation(ZonedDateTime z) {
        return DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(z);
    }

    /** With seconds, for timelines. */
    public String formatFull(Instant instant) {
        if (instant == null) {
            return "";
        }
        ZonedDateTime z = instant.atZone(zone());
        return FULL.format(z) + " " + abbreviation(z);
    }

    public String time(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("HH:mm:ss").format(instant.atZone(zone()));
    }

    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant.atZone(zone()));
    }

    /** ISO-8601 with offset, for machine-readable attributes ({@code <time datetime>}). */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** The value for an {@code <input type="datetime-local">} in the viewer's zone. */
    public String input(Instant instant) {
        return instant == null ? "" : INPUT.format(instant.atZone(zone()));
    }

    /** Reads an {@code <input type="datetime-local">} value as a time in the viewer's zone; null when blank. */
    public Instant parseInput(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = LocalDateTime.parse(value.trim()).atZone(zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(
                    field, "validation.dateTime", "'" + value + "' is not a date and time (yyyy-MM-ddTHH:mm)", value);
        }
        return DateRange.require(instant, field);
    }

    /** "3 h 12 min" — durations are shown, never typed. */
    public String duration(Duration d) {
        if (d == null) {
            return "—";
        }
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return d.toSeconds() + " s";
        }
        long days = minutes / (60 * 24);
        long hours = (minutes / 60) % 24;
        long mins = minutes % 60;
        StringBuilder sb = new StringBuilder();
        if (days > 0) {
            sb.append(days).append(" d ");
        }
        if (hours > 0) {
            sb.append(hours).append(" h ");
        }
        if (days == 0) {
            sb.append(mins).append(" min");
        }
        return sb.toString().trim();
    }

    public String between(Instant from, Instant to) {
        return from == null || to == null ? "—" : duration(Duration.between(from, to));
    }

    /** "5 min ago", "in 2 h". */
    public String relative(Instant instant) {
        if (instant == null) {
            return "";
        }
        Duration d = Duration.between(instant, clock.instant());
        boolean french = "fr".equals(LocaleContextHolder.getLocale().getLanguage());
        String amount = duration(d.abs());
        if (d.isNegative()) {
            return (french ? "dans " : "in ") + amount;
        }
        return french ? "il y a " + amount : amount + " ago";
    }
}
