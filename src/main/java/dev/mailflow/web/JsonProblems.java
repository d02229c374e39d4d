package dev.mailflow.web;

import dev.mailflow.probe.FieldProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A JSON body that cannot be read, as the field it went wrong at and mailflow's own words for
 * what is wrong there. Never Jackson's message: it quotes the input.
 */
final class JsonProblems {

    private JsonProblems() {}

    static FieldProblem of(JacksonException e) {
        var field = path(e);
        if (e instanceof UnrecognizedPropertyException) {
            return new FieldProblem(field, "not a field of a probe request (field names are case-sensitive)");
        }
        if (e instanceof InvalidNullException) {
            return new FieldProblem(field, "null is not allowed here");
        }
        if (e instanceof MismatchedInputException mismatch) {
            return new FieldProblem(field, expected(mismatch.getTargetType()));
        }
        if (e instanceof StreamReadException && e.processor() instanceof JsonParser parser) {
            // A duplicate key (or broken JSON) has no databind path; the parser knows where it was.
            var at = path(parser.streamReadContext());
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate")) {
                return new FieldProblem(at, "given more than once");
            }
            return new FieldProblem(at, "The request body is not valid JSON.");
        }
        return new FieldProblem(
                field, field.isEmpty() ? "The request body is not valid JSON." : "This value cannot be read.");
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "This value cannot be read.";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number, not text or a fraction";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be text in quotes";
        }
        if (type.isEnum()) {
            return "must be one of " + List.of(type.getEnumConstants());
        }
        if (List.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        return "must be an object";
    }

    private static String path(JacksonException e) {
        var sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String path(TokenStreamContext context) {
        var parts = new ArrayList<String>();
        for (var c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.currentName() != null) {
                parts.add((c.getParent() != null
                                        && !c.getParent().inRoot()
                                        && !c.getParent().inArray()
                                ? "."
                                : "")
                        + c.currentName());
            } else if (c.inArray()) {
                parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        Collections.reverse(parts);
        return String.join("", parts);
    }
}
