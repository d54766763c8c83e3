package dev.kintsugi.postmortem.chatimport;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * Parses a chat log into lines for a post-mortem timeline. All or nothing: a file with one malformed line raises
 * a {@link ChatImportException} naming that line, and no lines are returned. Empty or blank content gives no
 * lines. See {@link ChatFormat} for the formats and the parsers' comments for what is kept and skipped.
 */
@Component
public class ChatLogParser {
    private final SlackExportParser slack = new SlackExportParser();
    private final IrcLogParser irc = new IrcLogParser();
    private final PlainLogParser plain = new PlainLogParser();

    /**
     * @param format the log's format
     * @param content the whole file
     * @param zone the zone the log's clock times are in (IRC, plain text); Slack times are absolute and ignore it
     * @param day the day of the log, for lines that carry only a time (a later date in the file wins; the year
     *     of lines that carry a day and month without a year)
     */
    public List<ChatLine> parse(ChatFormat format, String content, ZoneId zone, LocalDate day) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(day, "day");
        if (content == null || content.isBlank()) {
            return List.of();
        }
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<ChatLine> lines = switch (format) {
            case SLACK_EXPORT -> slack.parse(text);
            case IRC -> irc.parse(text, zone, day);
            case PLAIN -> plain.parse(text, zone, day);
        };
        return List.copyOf(lines);
    }
}
