package dev.kintsugi.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a system timeline entry says, as data (DESIGN.md §6 "Text"): a message code of the incident bundle and its
 * typed arguments. {@link TimelineMessages} renders it in the reader's language and time zone.
 */
public record TimelineMessage(String code, List<Arg> args) {
    public TimelineMessage {
        Objects.requireNonNull(code, "code");
        args = List.copyOf(args);
    }

    /** How an argument is shown: enum values by their localised label, users by display name, instants in zone. */
    public enum ArgType {
        /** Text as written (a title, a reason, an incident key, a list of service names). */
        TEXT,
        /** A username, shown as the user's display name. */
        USER,
        /** An ISO-8601 instant, shown in the reader's zone. */
        INSTANT,
        STATUS,
        SEVERITY,
        ROLE,
        MILESTONE,
        CLOSURE,
        /** Comma-separated edited fields ({@code title}, {@code description}, {@code private}, {@code public}). */
        EDITS
    }

    public record Arg(ArgType type, String value) {
        public Arg {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(value, "value");
        }
    }

    static Builder of(String code) {
        return new Builder(code);
    }

    static final class Builder {
        private final String code;
        private final List<Arg> args = new ArrayList<>();

        private Builder(String code) {
            this.code = code;
        }

        Builder text(String value) {
            return add(ArgType.TEXT, value);
        }

        Builder user(String username) {
            return add(ArgType.USER, username);
        }

        Builder instant(Instant at) {
            return add(ArgType.INSTANT, at.toString());
        }

        Builder value(Enum<?> value) {
            ArgType type = switch (value) {
                case IncidentStatus s -> ArgType.STATUS;
                case Severity s -> ArgType.SEVERITY;
                case IncidentRole r -> ArgType.ROLE;
                case Milestone m -> ArgType.MILESTONE;
                case ClosureReason c -> ArgType.CLOSURE;
                default -> throw new IllegalArgumentException("no label for " + value.getClass());
            };
            return add(type, value.name());
        }

        Builder edits(Collection<String> fields) {
            return add(ArgType.EDITS, String.join(",", fields));
        }

        private Builder add(ArgType type, String value) {
            args.add(new Arg(type, value));
            return this;
        }

        TimelineMessage build() {
            return new TimelineMessage(code, args);
        }
    }
}
