package dev.kintsugi.incident;

import dev.kintsugi.platform.Times;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Renders the timeline's system entries ({@link TimelineMessage}) in a reader's language and zone: statuses,
 * severities, roles, milestones and closure reasons by their labels, users by display name. Entries written by
 * people, and old entries stored as text only, read as their {@code body}.
 */
@Component
public class TimelineMessages {
    private final MessageSource messages;
    private final UserManagement users;
    private final Times times;

    TimelineMessages(MessageSource messages, UserManagement users, Times times) {
        this.messages = messages;
        this.users = users;
        this.times = times;
    }

    /** Renders entries for the current viewer (their language and zone); display names are read once. */
    public Function<TimelineEntry, String> forViewer() {
        Function<TimelineMessage, String> text = messagesForViewer();
        return e -> e.message() == null ? e.body() : text.apply(e.message());
    }

    /**
     * Renders messages for the current viewer (their language and zone): for modules that keep a copy of an
     * incident's entries (a post-mortem's draft timeline) as messages, so that they too read in each reader's
     * language.
     */
    public Function<TimelineMessage, String> messagesForViewer() {
        Locale locale = LocaleContextHolder.getLocale();
        ZoneId zone = times.zone();
        Function<String, String> displayName = displayNames();
        return m -> render(m, locale, zone, displayName);
    }

    /** Renders messages in English with times in UTC and users by display name: for documents (exports). */
    public Function<TimelineMessage, String> messagesInEnglish() {
        Function<String, String> displayName = displayNames();
        return m -> render(m, Locale.ENGLISH, ZoneId.of("UTC"), displayName);
    }

    private Function<String, String> displayNames() {
        Map<String, String> names = new HashMap<>();
        return username -> {
            if (names.isEmpty()) {
                users.list().forEach(u -> names.put(u.username(), displayName(u)));
            }
            return names.getOrDefault(username, username);
        };
    }

    /** The English text kept in {@code body}: a fallback for readers of the text alone (audit, exports). */
    String english(TimelineMessage m) {
        return render(m, Locale.ENGLISH, ZoneId.of("UTC"), Function.identity());
    }

    String render(TimelineMessage m, Locale locale, ZoneId zone, Function<String, String> displayName) {
        Object[] args = m.args().stream()
                .map(a -> switch (a.type()) {
                    case TEXT -> a.value();
                    case USER -> displayName.apply(a.value());
                    case INSTANT -> Times.format(Instant.parse(a.value()), zone);
                    case STATUS -> label("incident.status.", a.value(), locale);
                    case SEVERITY -> a.value();
                    case ROLE -> label("incident.role.", a.value(), locale);
                    case MILESTONE -> label("incident.milestone.", a.value(), locale);
                    case CLOSURE -> label("incident.closure.", a.value(), locale);
                    case EDITS ->
                        Arrays.stream(a.value().split(","))
                                .map(f -> label("incident.timeline.field.", f, locale))
                                .collect(Collectors.joining(", "));
                })
                .toArray();
        return messages.getMessage(m.code(), args, m.code(), locale);
    }

    private String label(String prefix, String value, Locale locale) {
        return messages.getMessage(prefix + value, null, value, locale);
    }

    private static String displayName(UserAccount u) {
        return u.displayName() == null || u.displayName().isBlank() ? u.username() : u.displayName();
    }
}
