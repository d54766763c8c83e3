package dev.kintsugi.postmortem;

import dev.kintsugi.incident.TimelineMessage;
import dev.kintsugi.incident.TimelineMessages;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What a post-mortem timeline entry says: the entries a draft brought over from its incident as messages,
 * rendered for each reader (their language and zone, people by display name), the others as written.
 */
@Component
public class TimelineTexts {
    private final TimelineMessages messages;

    TimelineTexts(TimelineMessages messages) {
        this.messages = messages;
    }

    /** For the current viewer: their language and zone. */
    public Function<TimelineItem, String> forViewer() {
        return render(messages.messagesForViewer());
    }

    /** For a document: English, times in UTC. */
    public Function<TimelineItem, String> inEnglish() {
        return render(messages.messagesInEnglish());
    }

    private static Function<TimelineItem, String> render(Function<TimelineMessage, String> message) {
        return e -> e.message() == null ? e.body() : message.apply(e.message());
    }
}
