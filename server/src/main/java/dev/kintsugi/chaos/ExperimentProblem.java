package dev.kintsugi.chaos;

/**
 * One problem of an experiment request: the request {@code field} it is about ({@code definition}, {@code services})
 * and, inside the definition, the JSON {@code path} ({@code $.method[0]}; {@code $} for the whole document).
 */
public record ExperimentProblem(String field, String path, String message) {
    static ExperimentProblem ofDefinition(String path, String message) {
        return new ExperimentProblem("definition", path, message);
    }
}
