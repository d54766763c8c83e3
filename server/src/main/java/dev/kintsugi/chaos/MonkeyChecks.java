package dev.kintsugi.chaos;

import dev.kintsugi.chaos.monkey.MonkeyPlanner;
import dev.kintsugi.incident.IncidentContributions;
import dev.kintsugi.incident.OpenIncident;
import dev.kintsugi.incident.Severity;
import dev.kintsugi.platform.calendar.WorkCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the Chaos Monkey checks right before it acts (and what the planner reads): the calendar (working hours of
 * the work week in the service's zone, holidays, change freezes), the outage check (an open incident of one of the
 * configured severities on the service, any open SEV1 anywhere, the kill switch) and the minimum time since the
 * group's previous termination. A check that fails to answer blocks too (fail closed), saying why.
 */
@Component
class MonkeyChecks {
    private static final Logger log = LoggerFactory.getLogger(MonkeyChecks.class);

    /** Why the monkey does nothing: a message code of the chaos bundle and its arguments. */
    record Blocked(String code, List<String> args) {}

    private final FaultRepository faultRows;
    private final IncidentContributions incidents;
    private final MonkeyRepository monkeyRows;

    MonkeyChecks(FaultRepository faultRows, IncidentContributions incidents, MonkeyRepository monkeyRows) {
        this.faultRows = faultRows;
        this.incidents = incidents;
        this.monkeyRows = monkeyRows;
    }

    /** The service's working calendar: its work week and hours, holidays and every day of its change freezes. */
    static WorkCalendar calendar(MonkeySettings s) {
        TreeSet<LocalDate> off = new TreeSet<>(s.holidays());
        for (MonkeySettings.Freeze f : s.freezes()) {
            for (LocalDate d = f.from(); !d.isAfter(f.to()); d = d.plusDays(1)) {
                off.add(d);
            }
        }
        return new WorkCalendar(
                ZoneId.of(s.zone()), java.util.EnumSet.copyOf(s.workDays()), s.dayStart(), s.dayEnd(), off);
    }

    Optional<Blocked> blocked(MonkeySettings s, String group, Instant now) {
        try {
            return check(s, group, now);
        } catch (RuntimeException e) {
            log.warn("Chaos Monkey check failed for service {}: {}", s.serviceId(), e.toString());
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of(new Blocked("chaos.monkey.reason.check-failed", List.of(why)));
        }
    }

    private Optional<Blocked> check(MonkeySettings s, String group, Instant now) {
        WorkCalendar cal = calendar(s);
        LocalDate today = now.atZone(cal.zone()).toLocalDate();
        for (MonkeySettings.Freeze f : s.freezes()) {
            if (!today.isBefore(f.from()) && !today.isAfter(f.to())) {
                return blocked("chaos.monkey.reason.freeze", f.from().toString(), f.to().toString(), nz(f.reason()));
            }
        }
        if (s.holidays().contains(today)) {
            return blocked("chaos.monkey.reason.holiday", today.toString());
        }
        if (!cal.isWorkingTime(now)) {
            return blocked("chaos.monkey.reason.off-hours", s.zone());
        }
        if (faultRows.killSwitch().engaged()) {
            return blocked("chaos.monkey.reason.kill-switch");
        }
        for (OpenIncident i : incidents.openOn(List.of())) {
            if (i.severity() == Severity.SEV1) {
                return blocked("chaos.monkey.reason.sev1", i.key());
            }
            if (i.serviceIds().contains(s.serviceId()) && s.blockingSeverities().contains(i.severity())) {
                return blocked(
                        "chaos.monkey.reason.incident", i.key(), i.severity().name());
            }
        }
        Optional<Instant> last = monkeyRows.lastTermination(s.serviceId(), group);
        if (last.isPresent()) {
            LocalDate previous = last.get().atZone(cal.zone()).toLocalDate();
            int min = Math.max(1, s.minTimeBetweenKillsInWorkDays());
            if (!MonkeyPlanner.atLeast(cal, previous, today, min)) {
                return blocked("chaos.monkey.reason.too-soon", previous.toString(), Integer.toString(min));
            }
        }
        return Optional.empty();
    }

    private static Optional<Blocked> blocked(String code, String... args) {
        return Optional.of(new Blocked(code, List.of(args)));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
