package dev.kintsugi.oncall;

import dev.kintsugi.oncall.persistence.PageRepository;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who carried how much on-call over a period, per person: hours on call, of which at night (22:00–07:00), on
 * weekends (Saturday, Sunday) and on holidays (of the team's default policy calendar), all in the person's own
 * time zone (the schedule's when their profile has none); pages received, and sleep interrupted (pages received at
 * night). Hours are counted in quarter hours.
 */
@Service
@Transactional(readOnly = true)
public class Fairness {
    static final LocalTime NIGHT_START = LocalTime.of(22, 0);
    static final LocalTime NIGHT_END = LocalTime.of(7, 0);
    private static final Duration SLICE = Duration.ofMinutes(15);
    private final Schedules schedules;
    private final EscalationPolicies policies;
    private final PageRepository pages;
    private final UserManagement users;

    Fairness(Schedules schedules, EscalationPolicies policies, PageRepository pages, UserManagement users) {
        this.schedules = schedules;
        this.policies = policies;
        this.pages = pages;
        this.users = users;
    }

    /** One person's figures for the period. */
    public record Row(
            String username,
            String displayName,
            double hours,
            double nightHours,
            double weekendHours,
            double holidayHours,
            int pagesReceived,
            int sleepInterrupted) {}

    public List<Row> report(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "oncall.invalid.toAfterFrom", "must be after from");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(400)) > 0) {
            throw new InvalidInputException("to", "oncall.invalid.periodTooLong", "a period spans at most 400 days");
        }
        Map<String, long[]> slices = new TreeMap<>();
        Map<String, ZoneId> zones = new HashMap<>();
        for (Schedule s : schedules.list()) {
            Set<LocalDate> holidays = policies.teamDefault(s.teamId())
                    .map(p -> p.routing().calendar())
                    .map(c -> (Set<LocalDate>) c.holidays())
                    .orElse(Set.of());
            for (OnCallShift x : schedules.shifts(s, from, to)) {
                ZoneId zone = zones.computeIfAbsent(x.username(), u -> zoneOf(u, s.zone()));
                long[] c = slices.computeIfAbsent(x.username(), u -> new long[4]);
                for (Instant t = x.start(); t.isBefore(x.end()); t = t.plus(SLICE)) {
                    ZonedDateTime local = t.atZone(zone);
                    c[0]++;
                    if (night(local.toLocalTime())) {
                        c[1]++;
                    }
                    if (local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY) {
                        c[2]++;
                    }
                    if (holidays.contains(local.toLocalDate())) {
                        c[3]++;
                    }
                }
            }
        }
        Map<String, Set<Long>> paged = new HashMap<>();
        Map<String, Set<Long>> woken = new HashMap<>();
        for (PageRepository.Recipient r : pages.pagedBetween(from, to)) {
            paged.computeIfAbsent(r.username(), u -> new HashSet<>()).add(r.pageId());
            ZoneId zone = zones.computeIfAbsent(r.username(), u -> zoneOf(u, ZoneId.of("UTC")));
            if (night(r.pagedAt().atZone(zone).toLocalTime())) {
                woken.computeIfAbsent(r.username(), u -> new HashSet<>()).add(r.pageId());
            }
            slices.computeIfAbsent(r.username(), u -> new long[4]);
        }
        List<Row> rows = new ArrayList<>();
        slices.forEach((u, c) -> rows.add(new Row(
                u,
                users.find(u).map(UserAccount::displayName).orElse(u),
                c[0] / 4.0,
                c[1] / 4.0,
                c[2] / 4.0,
                c[3] / 4.0,
                paged.getOrDefault(u, Set.of()).size(),
                woken.getOrDefault(u, Set.of()).size())));
        return rows;
    }

    /** The report as CSV (RFC 4180, comma-separated, a header line), for payroll. */
    public String csv(Instant from, Instant to) {
        StringBuilder out = new StringBuilder(
                "username,display_name,period_start,period_end,hours,night_hours,weekend_hours,holiday_hours,pages_received,sleep_interrupted\r\n");
        for (Row r : report(from, to)) {
            out.append(cell(r.username()))
                    .append(',')
                    .append(cell(r.displayName()))
                    .append(',')
                    .append(from)
                    .append(',')
                    .append(to)
                    .append(',')
                    .append(number(r.hours()))
                    .append(',')
                    .append(number(r.nightHours()))
                    .append(',')
                    .append(number(r.weekendHours()))
                    .append(',')
                    .append(number(r.holidayHours()))
                    .append(',')
                    .append(r.pagesReceived())
                    .append(',')
                    .append(r.sleepInterrupted())
                    .append("\r\n");
        }
        return out.toString();
    }

    static boolean night(LocalTime t) {
        return !t.isBefore(NIGHT_START) || t.isBefore(NIGHT_END);
    }

    private ZoneId zoneOf(String username, ZoneId fallback) {
        return users.find(username)
                .map(UserAccount::timeZone)
                .filter(z -> z != null && !z.isBlank())
                .map(ZoneId::of)
                .orElse(fallback);
    }

    private static String number(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String cell(String s) {
        String v = s == null ? "" : s;
        // a leading =, +, - or @ would be a formula in a spreadsheet
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("'")
                ? "\"" + v.replace("\"", "\"\"") + "\""
                : v;
    }
}
