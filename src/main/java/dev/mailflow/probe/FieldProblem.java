package dev.mailflow.probe;

/**
 * One invalid request field, named as in the JSON contract (e.g. {@code rcptTo[0]}, {@code port}).
 */
public record FieldProblem(String field, String message) {}
