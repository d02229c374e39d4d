package dev.mailflow.probe;

import java.util.List;

/** The request cannot be run; every problem names its field. Nothing was contacted. */
public class InvalidProbeException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidProbeException(List<FieldProblem> problems) {
        super(problems.stream()
                .map(p -> p.field() + ": " + p.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse(""));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
