package dev.kintsugi.postmortem.chatimport;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Slack export day files: a JSON array of messages, or several arrays one after the other (day files
 * concatenated). Lines come out sorted by time.
 *
 * <ul>
 *   <li>Time: {@code ts} is epoch seconds with microseconds, an absolute instant; the log's zone plays no part.
 *   <li>Author: {@code user_profile.real_name}, else its {@code display_name}, else {@code user_name}, {@code
 *       username} or {@code bot_profile.name} (bots), else a name seen for the same user id elsewhere in the
 *       file, else the user id.
 *   <li>Text: Slack's markup becomes Markdown: {@code <http://x|label>} → {@code [label](http://x)}, {@code
 *       <http://x>} → {@code http://x}, {@code <@U123>} → {@code @Real Name} (or {@code @U123} when unknown),
 *       {@code <#C123|general>} → {@code #general}, {@code <!here>} → {@code @here}, and {@code &lt; &gt; &amp;}
 *       are unescaped. A bot message without text uses its attachments' fallback text; shared files add
 *       {@code [file: name]}. Thread replies are kept, in time order, prefixed with {@code ↳ }.
 *   <li>Membership and channel housekeeping ({@code channel_join}, {@code channel_leave}, {@code
 *       channel_purpose}, {@code channel_topic}, ... and the {@code group_} equivalents, pins, bot additions) are
 *       skipped: they say nothing about the incident and the timeline has no system entries.
 * </ul>
 */
final class SlackExportParser {
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> SKIPPED_SUBTYPES =
            Set.of("pinned_item", "unpinned_item", "bot_add", "bot_remove", "bot_enable", "bot_disable", "tombstone");
    private static final Pattern MARKUP = Pattern.compile("<([^<>]*)>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp);");

    private record Message(int line, JsonNode node) {}

    List<ChatLine> parse(String content) {
        List<Message> messages = read(content);
        Map<String, String> names = new HashMap<>();
        for (Message m : messages) {
            String id = string(m.node(), "user");
            String name = ownName(m.node());
            if (id != null && name != null) {
                names.putIfAbsent(id, name);
            }
        }
        List<ChatLine> lines = new ArrayList<>();
        for (Message m : messages) {
            JsonNode node = m.node();
            String subtype = string(node, "subtype");
            if (subtype != null
                    && (subtype.startsWith("channel_")
                            || subtype.startsWith("group_")
                            || SKIPPED_SUBTYPES.contains(subtype))) {
                continue;
            }
            Instant at = timestamp(string(node, "ts"), m.line());
            String author = author(node, names);
            String text = text(node, names);
            if (text.isBlank()) {
                continue;
            }
            String threadTs = string(node, "thread_ts");
            if (threadTs != null && !threadTs.equals(string(node, "ts"))) {
                text = "↳ " + text;
            }
            lines.add(new ChatLine(at, author, text, m.line()));
        }
        lines.sort(Comparator.comparing(ChatLine::at));
        return lines;
    }

    private static List<Message> read(String content) {
        List<Message> messages = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(content)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.START_ARRAY) {
                    throw new ChatImportException(
                            line(parser), "expected a JSON array of messages (a Slack export day file)");
                }
                while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                    int line = line(parser);
                    if (token != JsonToken.START_OBJECT) {
                        throw new ChatImportException(line, "expected a message object");
                    }
                    messages.add(new Message(line, JSON.readTree(parser)));
                }
            }
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ChatImportException(line, "not valid JSON: " + e.getOriginalMessage());
        }
        return messages;
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static Instant timestamp(String ts, int line) {
        if (ts == null || !ts.matches("\\d{1,12}(\\.\\d{1,9})?")) {
            throw new ChatImportException(line, "message without a valid 'ts' (epoch seconds)");
        }
        BigDecimal seconds = new BigDecimal(ts);
        long whole = seconds.longValue();
        long nanos =
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static String ownName(JsonNode node) {
        JsonNode profile = node.path("user_profile");
        for (String name : new String[] {
            string(profile, "real_name"),
            string(profile, "display_name"),
            string(node, "user_name"),
            string(node, "username"),
            string(node.path("bot_profile"), "name")
        }) {
            if (name != null && !name.isBlank()) {
                return name.strip();
            }
        }
        return null;
    }

    private static String author(JsonNode node, Map<String, String> names) {
        String own = ownName(node);
        if (own != null) {
            return own;
        }
        String id = string(node, "user");
        if (id != null) {
            return names.getOrDefault(id, id);
        }
        String bot = string(node, "bot_id");
        return bot != null ? bot : "unknown";
    }

    private static String text(JsonNode node, Map<String, String> names) {
        StringBuilder text = new StringBuilder(markdown(nullToEmpty(string(node, "text")), names));
        if (text.isEmpty()) {
            for (JsonNode attachment : node.path("attachments")) {
                String fallback = string(attachment, "fallback");
                if (fallback == null) {
                    fallback = string(attachment, "text");
                }
                if (fallback != null && !fallback.isBlank()) {
                    separate(text).append(markdown(fallback, names));
                }
            }
        }
        for (JsonNode file : node.path("files")) {
            String name = string(file, "name");
            if (name == null) {
                name = string(file, "title");
            }
            if (name != null) {
                separate(text).append("[file: ").append(name).append(']');
            }
        }
        return text.toString().strip();
    }

    private static StringBuilder separate(StringBuilder text) {
        return text.isEmpty() ? text : text.append('\n');
    }

    /** Slack's message markup to Markdown; see the class comment. */
    static String markdown(String slack, Map<String, String> names) {
        StringBuilder out = new StringBuilder();
        Matcher m = MARKUP.matcher(slack);
        int last = 0;
        while (m.find()) {
            out.append(unescape(slack.substring(last, m.start())));
            out.append(markup(m.group(1), names));
            last = m.end();
        }
        out.append(unescape(slack.substring(last)));
        return out.toString();
    }

    private static String markup(String inner, Map<String, String> names) {
        int bar = inner.indexOf('|');
        String target = bar < 0 ? inner : inner.substring(0, bar);
        String label = bar < 0 ? null : unescape(inner.substring(bar + 1));
        if (target.startsWith("@")) {
            String id = target.substring(1);
            return "@" + (label != null ? label : names.getOrDefault(id, id));
        }
        if (target.startsWith("#")) {
            return "#" + (label != null ? label : target.substring(1));
        }
        if (target.startsWith("!")) {
            if (label != null) {
                return label.startsWith("@") || target.startsWith("!date") ? label : "@" + label;
            }
            String word = target.substring(1);
            int caret = word.indexOf('^');
            return "@" + (caret < 0 ? word : word.substring(0, caret));
        }
        String url = unescape(target);
        if (label == null || label.equals(url) || url.equals("mailto:" + label)) {
            return url.startsWith("mailto:") ? url.substring("mailto:".length()) : url;
        }
        String destination = url.contains(" ") || url.contains(")") ? "<" + url + ">" : url;
        return "[" + label.replace("[", "\\[").replace("]", "\\]") + "](" + destination + ")";
    }

    private static String unescape(String s) {
        return ENTITY.matcher(s).replaceAll(r -> switch (r.group(1)) {
            case "lt" -> "<";
            case "gt" -> ">";
            default -> "&";
        });
    }

    private static String string(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
