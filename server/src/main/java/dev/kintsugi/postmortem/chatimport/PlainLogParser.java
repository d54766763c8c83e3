package dev.kintsugi.postmortem.chatimport;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads plain text, one message a line: {@code HH:MM nick: message} or {@code HH:MM:SS nick: message} (the time
 * may be in brackets; a nick may contain spaces but no colon). Blank lines are ignored; any other line that does
 * not match is an error naming the line.
 */
final class PlainLogParser {
    private static final Pattern LINE =
            Pattern.compile("^\\[?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\]?\\s+([^:\\s][^:]{0,63}?)\\s*:(?:\\s(.*)|)$");

    List<ChatLine> parse(String content, ZoneId zone, LocalDate day) {
        LocalTimeline timeline = new LocalTimeline(zone, day);
        List<ChatLine> lines = new ArrayList<>();
        String[] rows = content.split("\\R", -1);
        for (int i = 0; i < rows.length; i++) {
            int number = i + 1;
            String row = rows[i].strip();
            if (row.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(row);
            if (!m.matches()) {
                throw new ChatImportException(number, "expected 'HH:MM nick: message'");
            }
            LocalTime time;
            try {
                time = LocalTime.of(
                        Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(2)),
                        m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
            } catch (DateTimeException e) {
                throw new ChatImportException(number, "'" + row.split("\\s")[0] + "' is not a time of day");
            }
            String text = m.group(5) == null ? "" : m.group(5).strip();
            lines.add(new ChatLine(timeline.at(time), m.group(4).strip(), text, number));
        }
        return lines;
    }
}
