package dev.kintsugi.gameday;

/**
 * EXPERIMENT: a run of a chaos experiment (a real fault). FAULT: one fault of the chaos catalogue named directly
 * (latency, down, …, on a target of a service), made into a one-fault experiment when added, run like one.
 * TABLETOP: a text revealed to the heroes.
 */
public enum InjectKind {
    EXPERIMENT,
    TABLETOP,
    FAULT;

    /** Whether firing it starts a chaos run. */
    public boolean runsChaos() {
        return this != TABLETOP;
    }
}
