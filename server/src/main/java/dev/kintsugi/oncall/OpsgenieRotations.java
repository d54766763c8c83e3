package dev.kintsugi.oncall;

import dev.kintsugi.oncall.OpsgenieImport.OgRecipient;
import dev.kintsugi.oncall.OpsgenieImport.OgRestriction;
import dev.kintsugi.oncall.OpsgenieImport.OgRotation;
import dev.kintsugi.oncall.OpsgenieImport.OgTimeRestriction;
import dev.kintsugi.platform.InvalidInputException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One Opsgenie rotation as a Kintsugi rotation, for {@link OpsgenieImport}: its length and handoff, its
 * participants (people only; {@code user} finds them), its time restriction (what spans several days or midnight
 * is approximated and said in {@code warnings}).
 */
final class OpsgenieRotations {
    private OpsgenieRotations() {}

    static Rotation rotation(
            OgRotation r,
            int index,
            int count,
            ZoneId zone,
            String field,
            List<String> warnings,
            BiFunction<OgRecipient, String, String> user) {
        if (r.startDate() == null) {
            throw new InvalidInputException(field + ".startDate", "oncall.invalid.required", "is required");
        }
        Rotation.ShiftUnit unit = switch (r.type() == null ? "" : r.type()) {
            case "hourly" -> Rotation.ShiftUnit.HOURS;
            case "daily" -> Rotation.ShiftUnit.DAYS;
            case "weekly" -> Rotation.ShiftUnit.WEEKS;
            default ->
                throw new InvalidInputException(
                        field + ".type", "oncall.invalid.opsgenieRotationType", "hourly, daily or weekly");
        };
        List<String> people = new ArrayList<>();
        List<OgRecipient> ps = r.participants() == null ? List.of() : r.participants();
        for (int k = 0; k < ps.size(); k++) {
            OgRecipient p = ps.get(k);
            if ("user".equals(p.type())) {
                String u = user.apply(p, field + ".participants[" + k + "]");
                if (!people.contains(u)) {
                    people.add(u);
                }
            } else {
                warnings.add(field + ".participants[" + k + "]: a " + p.type() + " participant is left out");
            }
        }
        if (people.isEmpty()) {
            throw new InvalidInputException(
                    field + ".participants", "oncall.invalid.opsgenieNoUser", "no user among the participants");
        }
        Set<DayOfWeek> days = null;
        LocalTime from = null;
        LocalTime to = null;
        OgTimeRestriction tr = r.timeRestriction();
        if (tr != null && "time-of-day".equals(tr.type()) && tr.restriction() != null) {
            from = time(tr.restriction().startHour(), tr.restriction().startMin());
            to = time(tr.restriction().endHour(), tr.restriction().endMin());
        } else if (tr != null
                && "weekday-and-time-of-day".equals(tr.type())
                && tr.restrictions() != null
                && !tr.restrictions().isEmpty()) {
            days = EnumSet.noneOf(DayOfWeek.class);
            OgRestriction first = tr.restrictions().getFirst();
            from = time(first.startHour(), first.startMin());
            to = time(first.endHour(), first.endMin());
            for (OgRestriction x : tr.restrictions()) {
                DayOfWeek a = day(x.startDay(), field + ".timeRestriction.restrictions.startDay");
                DayOfWeek b = day(x.endDay(), field + ".timeRestriction.restrictions.endDay");
                for (DayOfWeek d = a; ; d = d.plus(1)) {
                    days.add(d);
                    if (d == b) {
                        break;
                    }
                }
                if (a != b
                        || !time(x.startHour(), x.startMin()).equals(from)
                        || !time(x.endHour(), x.endMin()).equals(to)) {
                    warnings.add(field + ": a restriction across days or with varying hours is kept as " + days + " "
                            + from + "–" + to + " each day");
                }
            }
        }
        if (from != null && to != null && !to.equals(LocalTime.MIDNIGHT) && !from.isBefore(to)) {
            warnings.add(field + ": an overnight restriction " + from + "–" + to + " is kept as " + from + "–24:00");
            to = LocalTime.MIDNIGHT;
        }
        String key = OpsgenieImport.slug(r.name() == null ? "rotation-" + (index + 1) : r.name());
        // Opsgenie: later rotations win where they overlap, as higher layers do here
        return new Rotation(
                key,
                r.name() == null ? key : r.name(),
                index,
                people,
                r.startDate().atZoneSameInstant(zone).toLocalDateTime(),
                zone,
                unit,
                r.length() == null || r.length() < 1 ? 1 : r.length(),
                days,
                from,
                to);
    }

    private static LocalTime time(Integer hour, Integer min) {
        int h = hour == null ? 0 : hour;
        int m = min == null ? 0 : min;
        if (h == 24 || (h == 0 && m == 0 && hour != null && hour == 24)) {
            return LocalTime.MIDNIGHT;
        }
        if (h < 0 || h > 23 || m < 0 || m > 59) {
            throw new InvalidInputException(
                    "timeRestriction", "oncall.invalid.opsgenieTime", "hours 0–23, minutes 0–59");
        }
        return LocalTime.of(h, m);
    }

    private static DayOfWeek day(String s, String field) {
        try {
            return DayOfWeek.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InvalidInputException(field, "oncall.invalid.opsgenieDay", "a day of the week such as monday");
        }
    }
}
