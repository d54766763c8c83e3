package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.EscalationLevel;
import dev.kintsugi.oncall.EscalationPolicies;
import dev.kintsugi.oncall.EscalationPolicy;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.calendar.WorkCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The escalation policy page form, bound field by field: levels (blank targets left out), repeats, and the calendar
 * routing the API offers (working calendar, severities paged after hours, pause over days off); {@code version}
 * the one it was read at. Holidays are typed as ISO dates separated by commas or spaces.
 */
record PolicyForm(
        String name,
        String displayName,
        String team,
        Boolean teamDefault,
        List<LevelForm> levels,
        String repeat,
        Boolean useCalendar,
        String calendarZone,
        List<String> workDays,
        String dayStart,
        String dayEnd,
        String holidays,
        List<String> afterHoursSeverities,
        Boolean pauseOnDaysOff,
        Long version) {

    record LevelForm(String type, String target, String timeout) {
        public boolean blank() {
            return target == null || target.isBlank();
        }
    }

    static PolicyForm blank(String team, String zone) {
        return new PolicyForm(
                null,
                null,
                team,
                false,
                List.of(new LevelForm("SCHEDULE", null, "15"), new LevelForm("USER", null, "15")),
                "0",
                false,
                zone,
                List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                "09:00",
                "18:00",
                "",
                List.of(),
                false,
                null);
    }

    static PolicyForm of(
            EscalationPolicy p, String team, LongFunction<String> scheduleName, LongFunction<String> teamName) {
        List<LevelForm> levels = new ArrayList<>();
        for (EscalationLevel l : p.levels()) {
            String target = switch (l.type()) {
                case USER -> l.username();
                case SCHEDULE -> scheduleName.apply(l.scheduleId());
                case TEAM -> teamName.apply(l.teamId());
            };
            levels.add(new LevelForm(l.type().name(), target, Integer.toString(l.timeoutMinutes())));
        }
        levels.add(new LevelForm("USER", null, "15"));
        WorkCalendar c = p.routing().calendar();
        return new PolicyForm(
                p.name(),
                p.displayName(),
                team,
                p.teamDefault(),
                levels,
                Integer.toString(p.repeat()),
                c != null,
                c == null ? null : c.zone().getId(),
                c == null
                        ? List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
                        : c.workDays().stream().sorted().map(DayOfWeek::name).toList(),
                c == null ? "09:00" : c.dayStart().toString(),
                c == null ? "18:00" : c.dayEnd().toString(),
                c == null
                        ? ""
                        : String.join(
                                ", ",
                                c.holidays().stream().map(LocalDate::toString).toList()),
                p.routing().afterHoursSeverities(),
                p.routing().pauseOnDaysOff(),
                p.version());
    }

    public List<LevelForm> levelList() {
        return levels == null ? List.of() : levels;
    }

    /** The API's request for this form; a level's target is checked here so that its error names the level. */
    PolicyRequest request(EscalationPolicies policies) {
        List<PolicyRequest.LevelRequest> ls = new ArrayList<>();
        List<LevelForm> all = levelList();
        for (int i = 0; i < all.size(); i++) {
            LevelForm l = all.get(i);
            if (l == null || l.blank()) {
                continue;
            }
            String f = "levels[" + i + "].";
            EscalationLevel.TargetType type;
            try {
                type = EscalationLevel.TargetType.valueOf(l.type() == null ? "" : l.type());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(f + "type", "oncall.invalid.targetType", "user, schedule or team");
            }
            String target = l.target().trim();
            switch (type) {
                case SCHEDULE -> policies.scheduleId(target, f + "target");
                case TEAM -> policies.teamId(target, f + "target");
                case USER -> {}
            }
            ls.add(new PolicyRequest.LevelRequest(
                    type, target, ScheduleForm.number(l.timeout(), f + "timeout", 1, 1440)));
        }
        if (ls.isEmpty()) {
            throw new InvalidInputException("levels[0].target", "oncall.invalid.levels", "add a level");
        }
        PolicyRequest.CalendarRequest calendar = null;
        if (Boolean.TRUE.equals(useCalendar)) {
            List<DayOfWeek> days = new ArrayList<>();
            for (String d : workDays == null ? List.<String>of() : workDays) {
                days.add(DayOfWeek.valueOf(d));
            }
            if (days.isEmpty()) {
                throw new InvalidInputException("workDays", "oncall.invalid.workDays", "at least one working day");
            }
            calendar = new PolicyRequest.CalendarRequest(
                    calendarZone == null ? "" : calendarZone.trim(),
                    days,
                    time(dayStart, "dayStart"),
                    time(dayEnd, "dayEnd"),
                    dates(holidays));
        }
        List<String> severities =
                Boolean.TRUE.equals(useCalendar) && afterHoursSeverities != null ? afterHoursSeverities : List.of();
        return new PolicyRequest(
                name == null ? null : name.trim(),
                displayName == null ? null : displayName.trim(),
                team,
                Boolean.TRUE.equals(teamDefault),
                ls,
                ScheduleForm.number(repeat, "repeat", 0, 10),
                calendar,
                severities,
                Boolean.TRUE.equals(useCalendar) && Boolean.TRUE.equals(pauseOnDaysOff));
    }

    private static LocalTime time(String value, String field) {
        try {
            return LocalTime.parse(value == null ? "" : value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "oncall.invalid.time", "not a time (HH:mm)", value);
        }
    }

    private static List<LocalDate> dates(String value) {
        List<LocalDate> out = new ArrayList<>();
        for (String d : Arrays.stream((value == null ? "" : value).split("[,\\s]+"))
                .filter(x -> !x.isBlank())
                .toList()) {
            try {
                out.add(LocalDate.parse(d));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("holidays", "oncall.invalid.date", "not a date (yyyy-MM-dd)", d);
            }
        }
        return out;
    }
}
