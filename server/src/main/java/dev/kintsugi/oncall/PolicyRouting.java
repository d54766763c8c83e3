package dev.kintsugi.oncall;

import dev.kintsugi.platform.calendar.WorkCalendar;
import java.util.List;

/**
 * How a policy uses its team's working calendar. With {@code afterHoursSeverities} set, a page outside working
 * time goes out at once only for those severities; others are held until working time starts. With {@code
 * pauseOnDaysOff}, escalation beyond the first level waits over days off (weekends, holidays) until the next
 * working day. Without a calendar, every page goes out at once and nothing pauses.
 */
public record PolicyRouting(WorkCalendar calendar, List<String> afterHoursSeverities, boolean pauseOnDaysOff) {
    public static final PolicyRouting ALWAYS = new PolicyRouting(null, List.of(), false);

    public PolicyRouting {
        afterHoursSeverities = afterHoursSeverities == null ? List.of() : List.copyOf(afterHoursSeverities);
    }

    /** Whether a page of {@code severity} waits for working time when it comes in outside it. */
    public boolean holds(String severity) {
        return calendar != null && !afterHoursSeverities.isEmpty() && !afterHoursSeverities.contains(severity);
    }
}
