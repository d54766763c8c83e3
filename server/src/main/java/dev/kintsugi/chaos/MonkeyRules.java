package dev.kintsugi.chaos;

import dev.kintsugi.chaos.monkey.MonkeyPlanner;
import dev.kintsugi.platform.InvalidInputException;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** What a Chaos Monkey configuration must be; each refusal names its field (a 400 problem). */
@Component
class MonkeyRules {
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._-]{1,63}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._/-]{1,253}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,253}");

    private final MonkeyActions actions;
    private final MonkeyProperties properties;

    MonkeyRules(MonkeyActions actions, MonkeyProperties properties) {
        this.actions = actions;
        this.properties = properties;
    }

    MonkeySettings valid(MonkeySettings s) {
        MonkeyPlanner.invalid(s.meanTimeBetweenKillsInWorkDays(), s.minTimeBetweenKillsInWorkDays())
                .ifPresent(f -> {
                    throw new InvalidInputException(
                            f, "chaos.monkey.error.interval", "mean ≥ 1 and 0 ≤ min ≤ mean working days");
                });
        if (s.meanTimeBetweenKillsInWorkDays() > 10_000) {
            throw new InvalidInputException(
                    "meanTimeBetweenKillsInWorkDays", "chaos.monkey.error.interval", "at most 10000 working days");
        }
        values("environments", s.environments(), VALUE, 50);
        values("clusters", s.clusters(), VALUE, 200);
        values("regions", s.regions(), VALUE, 50);
        values("exceptTargets", s.exceptTargets(), NAME, 200);
        if (!LABEL.matcher(s.clusterLabel()).matches()) {
            throw new InvalidInputException("clusterLabel", "chaos.monkey.error.label", "a Kubernetes label name");
        }
        if (s.exceptions().size() > 200 || s.whitelist().size() > 200) {
            throw new InvalidInputException(
                    s.exceptions().size() > 200 ? "exceptions" : "whitelist",
                    "chaos.monkey.error.rules",
                    "at most 200 entries");
        }
        if (s.durationMinutes() < 1 || s.durationMinutes() > 240) {
            throw new InvalidInputException("durationMinutes", "chaos.monkey.error.duration", "1 to 240 minutes");
        }
        if (s.unhealthyAfterMinutes() < 0 || s.unhealthyAfterMinutes() > 1440) {
            throw new InvalidInputException(
                    "unhealthyAfterMinutes", "chaos.monkey.error.unhealthy", "0 (never) to 1440 minutes");
        }
        try {
            ZoneId.of(s.zone() == null ? "" : s.zone());
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    "zone", "chaos.monkey.error.zone", "an IANA time zone such as Europe/Paris");
        }
        if (s.workDays().isEmpty()) {
            throw new InvalidInputException("workDays", "chaos.monkey.error.workDays", "at least one day");
        }
        if (s.dayStart() == null || s.dayEnd() == null) {
            throw new InvalidInputException(
                    s.dayStart() == null ? "dayStart" : "dayEnd", "chaos.monkey.error.hours", "HH:mm");
        }
        if (!s.dayEnd().equals(LocalTime.MIDNIGHT) && !s.dayStart().isBefore(s.dayEnd())) {
            throw new InvalidInputException(
                    "dayEnd", "chaos.monkey.error.hours", "the working day ends after it starts (or at midnight)");
        }
        if (s.holidays().size() > 1000) {
            throw new InvalidInputException("holidays", "chaos.monkey.error.holidays", "at most 1000 days");
        }
        if (s.freezes().size() > 100) {
            throw new InvalidInputException("freezes", "chaos.monkey.error.freeze", "at most 100 freezes");
        }
        for (int i = 0; i < s.freezes().size(); i++) {
            MonkeySettings.Freeze f = s.freezes().get(i);
            if (f == null || f.from() == null || f.to() == null) {
                throw new InvalidInputException(
                        "freezes[" + i + "]", "chaos.monkey.error.freeze", "a freeze has a first and a last day");
            }
            if (f.to().isBefore(f.from()) || ChronoUnit.DAYS.between(f.from(), f.to()) > 366) {
                throw new InvalidInputException(
                        "freezes[" + i + "].to",
                        "chaos.monkey.error.freeze",
                        "the last day is on or after the first, at most a year later");
            }
            if (f.reason() != null && f.reason().length() > 200) {
                throw new InvalidInputException(
                        "freezes[" + i + "].reason", "chaos.monkey.error.freeze", "at most 200 characters");
            }
        }
        if (s.target() != null && s.target().length() > 80) {
            throw new InvalidInputException("target", "chaos.monkey.error.target", "at most 80 characters");
        }
        if (s.enabled() && !s.leashed() && (s.target() == null || s.target().isBlank())) {
            throw new InvalidInputException(
                    "target", "chaos.monkey.error.target", "an enabled monkey off its leash names what it terminates");
        }
        if (s.target() != null && !s.target().isBlank()) {
            boolean known = s.termination() == MonkeyTermination.PROCESS
                    ? properties.processes().containsKey(s.target())
                    : actions.target(s).isPresent();
            if (!known) {
                throw new InvalidInputException(
                        "target",
                        "chaos.monkey.error.target.unknown",
                        s.termination() == MonkeyTermination.PROCESS
                                ? "not a process registered in kintsugi.chaos.monkey.processes"
                                : "not a chaos target of the service of the kind " + s.termination() + " needs",
                        s.target());
            }
        }
        return s;
    }

    private static void values(String field, List<String> values, Pattern p, int max) {
        if (values.size() > max) {
            throw new InvalidInputException(field, "chaos.monkey.error.values", "at most " + max + " values");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || !p.matcher(values.get(i)).matches()) {
                throw new InvalidInputException(
                        field + "[" + i + "]", "chaos.monkey.error.values", "letters, digits, '.', '_', '-'");
            }
        }
    }
}
