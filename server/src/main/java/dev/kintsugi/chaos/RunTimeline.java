package dev.kintsugi.chaos;

import dev.kintsugi.incident.TimelineMessage;
import dev.kintsugi.incident.TimelineMessage.Arg;
import dev.kintsugi.incident.TimelineMessage.ArgType;
import dev.kintsugi.platform.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A finished run told as timeline entries (what a post-mortem copies): its start, each activity with its outcome,
 * tolerance and value, each fault injected and reverted (or not), its end. Each entry says it as a message code
 * ({@code chaos.timeline.*}) and arguments, rendered in the reader's language; section, kind and outcome are in
 * the code, so that none of them stays English in a French reading.
 */
@Component
class RunTimeline {
    private static final Set<String> SECTIONS = Set.of("hypothesis", "method", "rollback", "guardrail", "recovery");
    private static final String NONE = "—";

    private final FaultRepository faultRows;
    private final RunRepository runRows;
    private final MessageSource messages;
    private final Clock clock;

    RunTimeline(FaultRepository faultRows, RunRepository runRows, MessageSource messages, Clock clock) {
        this.faultRows = faultRows;
        this.runRows = runRows;
        this.messages = messages;
        this.clock = clock;
    }

    List<RunTimelineEntry> of(RunView run) {
        List<RunTimelineEntry> entries = new ArrayList<>();
        entries.add(entry(
                run.startedAt(),
                run.startedBy(),
                "chaos.timeline.runStarted",
                Long.toString(run.id()),
                run.experimentTitle(),
                Integer.toString(run.experimentVersion())));
        for (ActivityView a : runRows.activities(run.id())) {
            String section = SECTIONS.contains(a.section()) ? a.section() : "method";
            String kind = "probe".equals(a.kind()) ? "probe" : "action";
            String outcome = a.toleranceMet() != null
                    ? (a.toleranceMet() ? "met" : "missed")
                    : switch (String.valueOf(a.status())) {
                        case "running" -> "running";
                        case "succeeded" -> "succeeded";
                        default -> "failed";
                    };
            String value = a.output() == null || a.output().isBlank()
                    ? NONE
                    : a.output().length() > 500 ? a.output().substring(0, 500) + "…" : a.output();
            entries.add(entry(
                    a.startedAt(),
                    Actor.SYSTEM,
                    "chaos.timeline." + section + "." + kind + "." + outcome,
                    a.name(),
                    a.tolerance() == null ? NONE : a.tolerance(),
                    value));
        }
        Instant end = run.endedAt() == null ? clock.instant() : run.endedAt();
        for (FaultView f : faultRows.faultsOf(run.id())) {
            entries.add(entry(f.journaledAt(), Actor.SYSTEM, "chaos.timeline.faultInjected", f.description()));
            if (f.revertedAt() != null) {
                entries.add(entry(f.revertedAt(), Actor.SYSTEM, "chaos.timeline.faultReverted", f.description()));
            } else if (f.error() != null) {
                entries.add(entry(end, Actor.SYSTEM, "chaos.timeline.faultNotReverted", f.description(), f.error()));
            }
        }
        if (run.endedAt() != null) {
            String recovered = run.recovered() == null ? "unknown" : run.recovered() ? "recovered" : "notRecovered";
            entries.add(entry(
                    run.endedAt(),
                    Actor.SYSTEM,
                    "chaos.timeline.runEnded." + run.status().name() + "." + recovered,
                    Long.toString(run.id())));
        }
        return entries;
    }

    private RunTimelineEntry entry(Instant at, String author, String code, String... args) {
        List<Arg> typed = Arrays.stream(args)
                .map(a -> new Arg(ArgType.TEXT, a == null ? NONE : a))
                .toList();
        String english = messages.getMessage(code, args, code, Locale.ENGLISH);
        return new RunTimelineEntry(at, author, english, new TimelineMessage(code, typed));
    }
}
