package dev.kintsugi.postmortem.chatimport;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads IRC logs of the common clients and bots (see {@link ChatFormat#IRC}); formats may be mixed in one file.
 *
 * <p>Messages ({@code <nick> text}) and actions ({@code * nick waves}, kept as {@code _waves_} by {@code nick})
 * become lines. Joins, parts, quits, mode and topic changes, notices, connection notes ({@code ***}, {@code -!-},
 * {@code -->}, {@code <--}, {@code --}) and log headers are skipped: the timeline has no system entries. Headers
 * that name a day ({@code --- Day changed Mon Mar 30 2026}, {@code --- Log opened ...}, xchat's {@code **** BEGIN
 * LOGGING AT ...}) set the date of the lines after them. A nick loses its mode sigil ({@code @op} → {@code op})
 * and host ({@code nick!user@host} → {@code nick}). dircproxy prefixes messages with {@code +} or {@code -}
 * (identified to services or not): in its format one leading {@code +}/{@code -} is removed. Blank lines are
 * ignored; any other line that matches no format is an error naming the line.
 */
final class IrcLogParser {
    private static final String TIME = "(\\d{1,2}:\\d{2}(?::\\d{2})?)";
    private static final Pattern WEECHAT =
            Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2})\\t([^\\t]*)\\t(.*)$");
    private static final Pattern ISO = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})[T ]" + TIME + "\\s+(.*)$");
    private static final Pattern DIRCPROXY = Pattern.compile("^\\[(\\d{1,2}) (\\p{L}{3}) " + TIME + "\\]\\s+(.*)$");
    private static final Pattern XCHAT = Pattern.compile("^(\\p{L}{3}) {1,2}(\\d{1,2}) " + TIME + "\\s+(.*)$");
    private static final Pattern BRACKETED = Pattern.compile("^\\[" + TIME + "\\]\\s+(.*)$");
    private static final Pattern BARE = Pattern.compile("^" + TIME + "\\s+(.*)$");
    private static final Pattern HEADER =
            Pattern.compile("^(?:--- (?:Log opened|Log closed|Day changed)|\\*{4} (?:BEGIN|ENDING) LOGGING AT) (.*)$");
    private static final Pattern MESSAGE = Pattern.compile("^<\\s*([^>]*)>\\s?(.*)$");
    private static final Pattern ACTION = Pattern.compile("^\\*\\s+(\\S+)\\s*(.*)$");
    private static final Pattern SYSTEM = Pattern.compile("^(?:\\*{2,}|-!-|-->|<--|--|=!=|-\\S+-)(?:\\s.*)?$");
    private static final Pattern SIGILS = Pattern.compile("^[@+%&~!]+");
    private static final List<DateTimeFormatter> HEADER_DATES = List.of(
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("EEE MMM d yyyy", Locale.ENGLISH));

    List<ChatLine> parse(String content, ZoneId zone, LocalDate day) {
        LocalTimeline timeline = new LocalTimeline(zone, day);
        LocalDate lastLineDate = null;
        List<ChatLine> lines = new ArrayList<>();
        String[] rows = content.split("\\R", -1);
        for (int i = 0; i < rows.length; i++) {
            int number = i + 1;
            String row = rows[i].stripTrailing();
            if (row.isBlank()) {
                continue;
            }
            Matcher m;
            if ((m = HEADER.matcher(row)).matches()) {
                LocalDate named = headerDate(m.group(1).strip());
                if (named != null) {
                    timeline.dayIs(named);
                }
                continue;
            }
            Instant at;
            String body;
            boolean dircproxy = false;
            if ((m = WEECHAT.matcher(row)).matches()) {
                at = timeline.at(dateTime(m.group(1), m.group(2), number));
                body = weechatBody(m.group(3), m.group(4));
            } else if ((m = ISO.matcher(row)).matches()) {
                at = timeline.at(dateTime(m.group(1), m.group(2), number));
                body = m.group(3);
            } else if ((m = DIRCPROXY.matcher(row)).matches()) {
                LocalDate date = monthDay(m.group(2), m.group(1), day.getYear(), lastLineDate, number);
                lastLineDate = date;
                at = timeline.at(LocalDateTime.of(date, time(m.group(3), number)));
                body = m.group(4);
                dircproxy = true;
            } else if ((m = XCHAT.matcher(row)).matches() && month(m.group(1)) != null) {
                LocalDate date = monthDay(m.group(1), m.group(2), day.getYear(), lastLineDate, number);
                lastLineDate = date;
                at = timeline.at(LocalDateTime.of(date, time(m.group(3), number)));
                body = m.group(4);
            } else if ((m = BRACKETED.matcher(row)).matches() || (m = BARE.matcher(row)).matches()) {
                at = timeline.at(time(m.group(1), number));
                body = m.group(2);
            } else {
                throw new ChatImportException(
                        number, "expected an IRC log line such as 'HH:MM <nick> message' or '[HH:MM] <nick> message'");
            }
            ChatLine line = body == null ? null : message(body.strip(), at, number, dircproxy);
            if (line != null) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** A line from the body after the time, or null for a system line. */
    private static ChatLine message(String body, Instant at, int number, boolean dircproxy) {
        if (SYSTEM.matcher(body).matches()) {
            return null;
        }
        Matcher m;
        if ((m = MESSAGE.matcher(body)).matches()) {
            String nick = nick(m.group(1), number);
            String text = m.group(2);
            if (dircproxy && (text.startsWith("+") || text.startsWith("-"))) {
                text = text.substring(1);
            }
            return new ChatLine(at, nick, text, number);
        }
        if ((m = ACTION.matcher(body)).matches()) {
            String action = m.group(2).strip();
            return new ChatLine(at, nick(m.group(1), number), action.isEmpty() ? "" : "_" + action + "_", number);
        }
        throw new ChatImportException(number, "expected '<nick> message' after the time");
    }

    /** weechat puts the nick (or a marker for joins, quits, actions) in its own column. */
    private static String weechatBody(String prefix, String message) {
        String p = prefix.strip();
        if (p.equals("*")) {
            return "* " + message;
        }
        if (p.isEmpty() || p.matches("[-<>=!]+")) {
            return null;
        }
        return "<" + p + "> " + message;
    }

    private static String nick(String raw, int number) {
        String nick = raw.strip();
        int bang = nick.indexOf('!', 1);
        if (bang > 0) {
            nick = nick.substring(0, bang);
        }
        nick = SIGILS.matcher(nick).replaceFirst("");
        if (nick.isEmpty()) {
            throw new ChatImportException(number, "a message without a nick");
        }
        return nick;
    }

    private static LocalTime time(String text, int number) {
        String[] parts = text.split(":");
        try {
            return LocalTime.of(
                    Integer.parseInt(parts[0]),
                    Integer.parseInt(parts[1]),
                    parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
        } catch (DateTimeException e) {
            throw new ChatImportException(number, "'" + text + "' is not a time of day");
        }
    }

    private static LocalDateTime dateTime(String date, String time, int number) {
        try {
            return LocalDateTime.of(LocalDate.parse(date), time(time, number));
        } catch (DateTimeParseException e) {
            throw new ChatImportException(number, "'" + date + "' is not a date");
        }
    }

    /** A day and month without a year: the log's year, moving on when the log crosses New Year. */
    private static LocalDate monthDay(String monthName, String dayOfMonth, int year, LocalDate last, int number) {
        Month month = month(monthName);
        if (month == null) {
            throw new ChatImportException(number, "'" + monthName + "' is not a month");
        }
        try {
            LocalDate date = LocalDate.of(last == null ? year : last.getYear(), month, Integer.parseInt(dayOfMonth));
            return last != null && date.isBefore(last.minusMonths(6)) ? date.plusYears(1) : date;
        } catch (DateTimeException e) {
            throw new ChatImportException(number, "'" + dayOfMonth + " " + monthName + "' is not a date");
        }
    }

    private static Month month(String name) {
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name)) {
                return month;
            }
        }
        return null;
    }

    private static LocalDate headerDate(String text) {
        for (DateTimeFormatter format : HEADER_DATES) {
            try {
                return LocalDate.parse(text, format);
            } catch (DateTimeParseException e) {
                // try the next one
            }
        }
        return null;
    }
}
