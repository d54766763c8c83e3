package dev.kintsugi.experiment;

import java.util.List;

/** The experiment cannot run: it is malformed, incomplete or uses something the JVM cannot run. */
public class InvalidExperimentException extends Exception {

    private final List<String> problems;

    public InvalidExperimentException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidExperimentException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
