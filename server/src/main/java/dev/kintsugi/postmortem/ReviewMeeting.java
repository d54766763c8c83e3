package dev.kintsugi.postmortem;

import java.time.Instant;
import java.util.List;

/** The post-mortem's review meeting. Attendees are usernames or e-mail addresses; {@code version} is its ETag. */
public record ReviewMeeting(
        long postmortemId,
        Instant startsAt,
        int durationMinutes,
        String location,
        List<String> attendees,
        String notes,
        int version) {

    public ReviewMeeting {
        attendees = attendees == null ? List.of() : List.copyOf(attendees);
    }

    public Instant endsAt() {
        return startsAt.plusSeconds(60L * durationMinutes);
    }
}
