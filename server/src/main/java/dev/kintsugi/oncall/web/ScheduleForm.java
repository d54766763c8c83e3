package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.Rotation;
import dev.kintsugi.oncall.Schedule;
import dev.kintsugi.oncall.Schedules;
import dev.kintsugi.platform.InvalidInputException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The schedule page form, bound field by field: the schedule and its layers (one rotation each), {@code version} the
 * one it was read at. Blank layers (no participant) are left out; a layer without a key gets one. A refused value is
 * named {@code layers[i].field} so the page shows it next to its input.
 */
record ScheduleForm(
        String name, String displayName, String team, String timeZone, Long version, List<LayerForm> layers) {

    /** The region zones offered in the time zone lists (libraries register odd ids too), and UTC. */
    static final List<String> ZONES = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of("UTC"),
                    ZoneId.getAvailableZoneIds().stream()
                            .filter(
                                    z -> z.matches(
                                            "(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_/+-]+"))
                            .sorted())
            .toList();

    record LayerForm(
            String key,
            String name,
            String layer,
            List<String> participants,
            String start,
            String timeZone,
            String unit,
            String length,
            List<String> restrictDays,
            String restrictFrom,
            String restrictTo) {

        static LayerForm blank(int layer, LocalDateTime start) {
            return new LayerForm(
                    null,
                    null,
                    Integer.toString(layer),
                    List.of(),
                    start.toString(),
                    null,
                    "WEEKS",
                    "1",
                    List.of(),
                    null,
                    null);
        }

        static LayerForm of(Rotation r) {
            return new LayerForm(
                    r.key(),
                    r.name(),
                    Integer.toString(r.layer()),
                    r.participants(),
                    r.start().toString(),
                    r.zone().getId(),
                    r.unit().name(),
                    Integer.toString(r.length()),
                    r.restrictDays().stream().sorted().map(DayOfWeek::name).toList(),
                    r.restrictFrom() == null ? null : r.restrictFrom().toString(),
                    r.restrictTo() == null ? null : r.restrictTo().toString());
        }

        public List<String> people() {
            return participants == null
                    ? List.of()
                    : participants.stream()
                            .filter(p -> p != null && !p.isBlank())
                            .map(String::trim)
                            .toList();
        }

        /** The participants' select boxes: every participant, then empty ones to add people. */
        public List<String> rows() {
            List<String> rows = new ArrayList<>(people());
            int blanks = Math.max(2, 3 - rows.size());
            for (int i = 0; i < blanks; i++) {
                rows.add("");
            }
            return rows;
        }

        public boolean empty() {
            return people().isEmpty() && (key == null || key.isBlank());
        }
    }

    static ScheduleForm of(Schedule s, String team, LocalDateTime nextStart) {
        List<LayerForm> layers =
                new ArrayList<>(s.rotations().stream().map(LayerForm::of).toList());
        layers.add(LayerForm.blank(layers.size(), nextStart));
        return new ScheduleForm(s.name(), s.displayName(), team, s.zone().getId(), s.version(), layers);
    }

    static ScheduleForm blank(String team, ZoneId zone, LocalDateTime start) {
        return new ScheduleForm(
                null, null, team, zone.getId(), null, List.of(LayerForm.blank(0, start), LayerForm.blank(1, start)));
    }

    public List<LayerForm> layerList() {
        return layers == null ? List.of() : layers;
    }

    ZoneId zone() {
        return Schedules.zone(timeZone == null ? "" : timeZone.trim(), "timeZone");
    }

    /** The rotations of the non-blank layers; throws naming the layer's field. */
    List<Rotation> rotations() {
        ZoneId zone = zone();
        List<Rotation> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (LayerForm l : layerList()) {
            if (l != null && l.key() != null && !l.key().isBlank()) {
                keys.add(l.key());
            }
        }
        List<LayerForm> ls = layerList();
        for (int i = 0; i < ls.size(); i++) {
            LayerForm l = ls.get(i);
            if (l == null || l.empty()) {
                continue;
            }
            String f = "layers[" + i + "].";
            if (l.people().isEmpty()) {
                throw new InvalidInputException(f + "participants", "oncall.invalid.participants", "add someone");
            }
            String key = l.key();
            if (key == null || key.isBlank()) {
                int n = i + 1;
                while (keys.contains("layer-" + n)) {
                    n++;
                }
                key = "layer-" + n;
                keys.add(key);
            }
            Rotation.ShiftUnit unit;
            try {
                unit = Rotation.ShiftUnit.valueOf(l.unit() == null ? "" : l.unit());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(f + "unit", "oncall.invalid.unit", "hours, days or weeks");
            }
            List<DayOfWeek> days = new ArrayList<>();
            for (String d : l.restrictDays() == null ? List.<String>of() : l.restrictDays()) {
                try {
                    days.add(DayOfWeek.valueOf(d));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(f + "restrictDays", "oncall.invalid.day", "not a day: " + d, d);
                }
            }
            RotationRequest r = new RotationRequest(
                    key,
                    l.name(),
                    number(l.layer(), f + "layer", 0, 100),
                    l.people(),
                    dateTime(l.start(), f + "start"),
                    l.timeZone() == null || l.timeZone().isBlank() ? zone.getId() : l.timeZone(),
                    unit,
                    number(l.length(), f + "length", 1, 1000),
                    days,
                    time(l.restrictFrom(), f + "restrictFrom"),
                    time(l.restrictTo(), f + "restrictTo"));
            try {
                out.add(r.toRotation(zone));
            } catch (InvalidInputException e) {
                String field = e.field() != null && e.field().startsWith("rotations.")
                        ? f + e.field().substring("rotations.".length())
                        : e.field();
                throw new InvalidInputException(field, e.code(), e.getMessage(), e.args());
            }
        }
        return out;
    }

    static int number(String value, String field, int min, int max) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidInputException(
                field, "oncall.invalid.number", "a whole number from " + min + " to " + max, min, max);
    }

    private static LocalDateTime dateTime(String value, String field) {
        try {
            return LocalDateTime.parse(value == null ? "" : value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "validation.dateTime", "not a date and time", value);
        }
    }

    private static LocalTime time(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "oncall.invalid.time", "not a time (HH:mm)", value);
        }
    }
}
