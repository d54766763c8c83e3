package dev.kintsugi.oncall;

import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.InvalidInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What a schedule draft (and a policy's names) must be before it is written, and the refusal of a name already taken. */
final class ScheduleDrafts {
    /** A schedule's (and a policy's) name: lower-case letters, digits and dashes, at most 64. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private ScheduleDrafts() {}

    /** The draft's rotations, once its name, display name, zone and rotations are valid; else refused by field. */
    static List<Rotation> validate(ScheduleDraft d, ScheduleReads reads) {
        requireNames(d.name(), d.displayName());
        if (d.zone() == null) {
            throw new InvalidInputException("timeZone", "oncall.invalid.required", "is required");
        }
        List<Rotation> rotations = d.rotations() == null ? List.of() : d.rotations();
        if (rotations.size() > 20) {
            throw new InvalidInputException("rotations", "oncall.invalid.rotationCount", "at most 20");
        }
        Set<String> keys = new HashSet<>();
        for (Rotation r : rotations) {
            if (!keys.add(r.key())) {
                throw new InvalidInputException(
                        "rotations",
                        "oncall.invalid.rotationKeyTwice",
                        "two rotations share the key " + r.key(),
                        r.key());
            }
            for (String p : r.participants()) {
                reads.requireUser(p, "rotations.participants");
            }
        }
        return rotations;
    }

    static ConflictException taken(String name) {
        return new ConflictException(
                "oncall.conflict.scheduleTaken",
                "a schedule named '" + name + "' exists",
                Map.of("field", "name"),
                name);
    }

    /** A schedule's or a policy's name (a slug, {@link #NAME}) and display name (required, at most 128). */
    static void requireNames(String name, String displayName) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(
                    "name", "oncall.invalid.name", "lower-case letters, digits and dashes, at most 64");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 128) {
            throw new InvalidInputException(
                    "displayName", "oncall.invalid.max128", "is required, at most 128 characters");
        }
    }
}
