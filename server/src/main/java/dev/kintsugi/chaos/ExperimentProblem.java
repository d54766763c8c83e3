package dev.kintsugi.chaos;

/** One problem of an experiment, with the JSON path it is about ({@code $} when it is about the whole document). */
public record ExperimentProblem(String path, String message) {}
