package dev.kintsugi.experiment;

import java.time.Duration;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outcome of a run.
 *
 * @param guardrailReaction from the first failing guardrail probe result to the last fault removed; {@code null}
 *     when no guardrail breached
 */
public record RunResult(ObjectNode journal, String status, boolean deviated, Duration guardrailReaction) {

    /** 0 when the hypothesis held and the run completed, 1 otherwise (2, invalid, never gets this far). */
    public int exitCode() {
        return "completed".equals(status) && !deviated ? 0 : 1;
    }
}
