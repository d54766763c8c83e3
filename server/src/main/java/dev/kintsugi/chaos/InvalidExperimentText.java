package dev.kintsugi.chaos;

import java.util.List;

/** The experiment cannot run: every problem the engine (and the server's rules) found, each with its JSON path. */
public class InvalidExperimentText extends RuntimeException {
    private final List<ExperimentProblem> problems;

    public InvalidExperimentText(List<ExperimentProblem> problems) {
        super(problems.isEmpty() ? "invalid experiment" : problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public List<ExperimentProblem> problems() {
        return problems;
    }
}
