package dev.kintsugi.oncall;

import dev.kintsugi.platform.calendar.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who is on call, from a schedule's rotations and overrides (pure: no clock, no storage). At an instant: the
 * period overrides holding it, if any; else the highest layer with someone on call (every rotation of that
 * layer that has), each turn replaced by whoever covers it. Over a range: the same question asked at every
 * instant where the answer can change (turn boundaries, restriction edges, override edges), merged into shifts.
 */
public final class ScheduleResolver {
    private ScheduleResolver() {}

    /** One person on call at an instant and why. */
    public record OnCall(String username, String rotationKey, String coveredUser) {}

    public static List<OnCall> onCallAt(List<Rotation> rotations, List<ScheduleOverride> overrides, Instant t) {
        Map<String, OnCall> who = new LinkedHashMap<>();
        for (ScheduleOverride o : overrides) {
            if (o.period() && !t.isBefore(o.start()) && t.isBefore(o.end())) {
                who.putIfAbsent(o.coveringUser(), new OnCall(o.coveringUser(), null, null));
            }
        }
        if (!who.isEmpty()) {
            return List.copyOf(who.values());
        }
        TreeSet<Integer> layers = new TreeSet<>(Comparator.reverseOrder());
        rotations.forEach(r -> layers.add(r.layer()));
        for (int layer : layers) {
            for (Rotation r : rotations) {
                if (r.layer() != layer) {
                    continue;
                }
                Optional<Rotation.Turn> turn = r.onCallAt(t);
                if (turn.isEmpty()) {
                    continue;
                }
                Rotation.Turn x = turn.get();
                OnCall oc = coverOf(r, x, overrides)
                        .map(u -> new OnCall(u, r.key(), x.username()))
                        .orElse(new OnCall(x.username(), r.key(), null));
                who.putIfAbsent(oc.username(), oc);
            }
            if (!who.isEmpty()) {
                return List.copyOf(who.values());
            }
        }
        return List.of();
    }

    /** Who covers this turn: the latest override naming its rotation and person with an instant inside it. */
    static Optional<String> coverOf(Rotation r, Rotation.Turn turn, List<ScheduleOverride> overrides) {
        String cover = null;
        for (ScheduleOverride o : overrides) {
            if (!o.period()
                    && r.key().equals(o.rotationKey())
                    && turn.username().equals(o.coveredUser())
                    && !o.shiftAt().isBefore(turn.start())
                    && o.shiftAt().isBefore(turn.end())) {
                cover = o.coveringUser();
            }
        }
        return Optional.ofNullable(cover);
    }

    /** The instants in {@code (from, to)} where who is on call may change, with {@code from} first. */
    static List<Instant> changePoints(
            List<Rotation> rotations, List<ScheduleOverride> overrides, Instant from, Instant to) {
        TreeSet<Instant> points = new TreeSet<>();
        points.add(from);
        for (Rotation r : rotations) {
            Instant first = r.turnStart(0);
            points.add(first);
            long k = r.turnAt(from.isBefore(first) ? first : from)
                    .map(Rotation.Turn::index)
                    .orElse(0);
            for (int guard = 0; guard < 100_000; guard++, k++) {
                Instant s = r.turnStart(k);
                if (!s.isBefore(to)) {
                    break;
                }
                points.add(s);
            }
            if (r.restricted()) {
                for (Interval i : r.restriction().workingIntervals(from, to)) {
                    points.add(i.start());
                    points.add(i.end());
                }
            }
        }
        for (ScheduleOverride o : overrides) {
            if (o.period()) {
                points.add(o.start());
                points.add(o.end());
            }
        }
        return new ArrayList<>(points.subSet(from, true, to, false));
    }

    /** The shifts in {@code [from, to)}, clipped to it, ordered by start then username. */
    public static List<OnCallShift> shifts(
            List<Rotation> rotations, List<ScheduleOverride> overrides, Instant from, Instant to) {
        List<OnCallShift> out = new ArrayList<>();
        if (!from.isBefore(to)) {
            return out;
        }
        List<Instant> points = changePoints(rotations, overrides, from, to);
        Map<String, OnCallShift> open = new LinkedHashMap<>();
        for (int i = 0; i < points.size(); i++) {
            Instant a = points.get(i);
            Instant b = i + 1 < points.size() ? points.get(i + 1) : to;
            List<OnCall> now = onCallAt(rotations, overrides, a);
            LinkedHashSet<String> present = new LinkedHashSet<>();
            for (OnCall oc : now) {
                present.add(oc.username());
                OnCallShift current = open.get(oc.username());
                if (current != null
                        && current.end().equals(a)
                        && Objects.equals(current.rotationKey(), oc.rotationKey())
                        && Objects.equals(current.coveredUser(), oc.coveredUser())) {
                    open.put(
                            oc.username(),
                            new OnCallShift(oc.username(), current.start(), b, oc.rotationKey(), oc.coveredUser()));
                } else {
                    if (current != null) {
                        out.add(current);
                    }
                    open.put(oc.username(), new OnCallShift(oc.username(), a, b, oc.rotationKey(), oc.coveredUser()));
                }
            }
            for (var it = open.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!present.contains(e.getKey())) {
                    out.add(e.getValue());
                    it.remove();
                }
            }
        }
        out.addAll(open.values());
        out.sort(Comparator.comparing(OnCallShift::start).thenComparing(OnCallShift::username));
        return out;
    }
}
