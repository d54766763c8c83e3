package dev.kintsugi.experiment;

import tools.jackson.databind.JsonNode;

/** Live progress of a run, one call per step (the CLI prints them). */
public interface ProgressListener {

    ProgressListener NONE = new ProgressListener() {};

    default void phase(String text) {}

    /** An activity starts; {@code section} is hypothesis, method, rollback or guardrail. */
    default void activityStarted(String section, JsonNode activity) {}

    /** An activity finished; {@code run} is its journal entry. */
    default void activityFinished(String section, JsonNode run) {}
}
