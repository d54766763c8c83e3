package dev.kintsugi.gameday;

import java.time.Instant;
import java.util.Map;

/**
 * An inject: a chaos experiment to run, one fault of the chaos catalogue ({@code fault} on {@code faultService}'s
 * target {@code faultTargetId} with {@code faultParameters}; {@code experimentId} is the one-fault experiment made
 * of it) or a tabletop text, at start + {@code offsetMinutes} (scheduled) or by hand (null). {@code body} is null
 * for a reader who may not see it yet.
 */
public record InjectView(
        long id,
        String title,
        InjectKind kind,
        Long experimentId,
        String body,
        Integer offsetMinutes,
        InjectStatus status,
        Instant firedAt,
        Long runId,
        String fault,
        String faultService,
        Long faultTargetId,
        Map<String, Integer> faultParameters) {

    /** The fault's values as typed in the form: {@code latency=1500, duration=60}. */
    public String faultValues() {
        return faultParameters == null
                ? ""
                : String.join(
                        ", ",
                        faultParameters.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .toList());
    }

    /** The same inject with its text and what it runs withheld (blind mode, before it is fired). */
    InjectView withheld() {
        return new InjectView(
                id, title, kind, null, null, offsetMinutes, status, firedAt, null, null, null, null, Map.of());
    }
}
