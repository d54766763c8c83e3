package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.Schedule;
import java.util.List;

/** A schedule as the API answers it; {@code feedUrl} is the secret iCalendar feed (shown to who may edit). */
record ScheduleResponse(
        String name,
        String displayName,
        String team,
        String timeZone,
        List<RotationRequest> rotations,
        String feedUrl,
        long version) {

    static ScheduleResponse of(Schedule s, String team, String feedUrl) {
        return new ScheduleResponse(
                s.name(),
                s.displayName(),
                team,
                s.zone().getId(),
                s.rotations().stream().map(RotationRequest::of).toList(),
                feedUrl,
                s.version());
    }
}
