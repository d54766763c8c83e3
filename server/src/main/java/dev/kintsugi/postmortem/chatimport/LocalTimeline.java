package dev.kintsugi.postmortem.chatimport;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Turns the local times of a log into instants, line after line, in the log's zone.
 *
 * <p>A time without a date belongs to the current day of the log (the given day, or the last date a line or
 * header named); when its clock time is earlier than the previous line's, the log crossed midnight and the day
 * moves on (unless it is the second pass through an autumn overlap). Across
 * a daylight-saving change: a local time that does not exist (the spring gap) is moved forward by the length of
 * the gap, as {@link LocalDateTime#atZone} does; a local time that exists twice (the autumn overlap) is the
 * earlier instant, unless that would put it before the previous line, then the later one.
 */
final class LocalTimeline {
    private final ZoneId zone;
    private LocalDate date;
    private Instant previous;
    private LocalDateTime previousLocal;

    LocalTimeline(ZoneId zone, LocalDate day) {
        this.zone = zone;
        this.date = day;
    }

    /** A header named the day the following lines belong to. */
    void dayIs(LocalDate day) {
        this.date = day;
    }

    Instant at(LocalTime time) {
        LocalDateTime local = LocalDateTime.of(date, time);
        Instant instant = resolve(local);
        if (previousLocal != null && local.isBefore(previousLocal) && instant.isBefore(previous)) {
            // Earlier on the clock and not the second pass of an autumn overlap: past midnight.
            date = date.plusDays(1);
            local = LocalDateTime.of(date, time);
            instant = resolve(local);
        }
        return remember(local, instant);
    }

    Instant at(LocalDateTime dateTime) {
        date = dateTime.toLocalDate();
        return remember(dateTime, resolve(dateTime));
    }

    private Instant remember(LocalDateTime local, Instant instant) {
        previousLocal = local;
        previous = instant;
        return instant;
    }

    private Instant resolve(LocalDateTime local) {
        ZonedDateTime earlier = local.atZone(zone).withEarlierOffsetAtOverlap();
        if (previous != null && earlier.toInstant().isBefore(previous)) {
            ZonedDateTime later = earlier.withLaterOffsetAtOverlap();
            if (!later.toInstant().isBefore(previous)) {
                return later.toInstant();
            }
        }
        return earlier.toInstant();
    }
}
