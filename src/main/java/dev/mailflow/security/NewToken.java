package dev.mailflow.security;

import dev.mailflow.probe.FieldProblem;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A token an ADMIN asks for, from the API's JSON or the tokens page's form; nothing validated yet.
 *
 * @param roles role names (VIEWER, OPERATOR, SENDER, ADMIN)
 * @param expiresAt an ISO-8601 instant ({@code 2027-01-31T00:00:00Z}), or empty for no expiry
 */
record NewToken(String name, List<String> roles, String expiresAt) {

    /** The token's settings, or every invalid field named as in the JSON. */
    Valid validate(Instant now) {
        var problems = new ArrayList<FieldProblem>();
        if (!TokenName.valid(name)) {
            problems.add(new FieldProblem("name", TokenName.RULE));
        }
        var parsed = new ArrayList<Role>();
        if (roles == null || roles.isEmpty()) {
            problems.add(new FieldProblem("roles", "name at least one role: VIEWER, OPERATOR, SENDER or ADMIN"));
        } else {
            for (int i = 0; i < roles.size(); i++) {
                var role = Role.parse(roles.get(i));
                if (role.isEmpty()) {
                    problems.add(new FieldProblem("roles[" + i + "]", "not a role: VIEWER, OPERATOR, SENDER or ADMIN"));
                } else {
                    parsed.add(role.get());
                }
            }
        }
        Instant expires = null;
        if (expiresAt != null && !expiresAt.isBlank()) {
            try {
                expires = Instant.parse(expiresAt.strip());
                if (!expires.isAfter(now)) {
                    problems.add(new FieldProblem("expiresAt", "must be in the future"));
                }
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("expiresAt", "an ISO-8601 instant, e.g. 2027-01-31T00:00:00Z"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTokenException(problems);
        }
        return new Valid(name, List.copyOf(parsed), expires);
    }

    record Valid(String name, List<Role> roles, Instant expiresAt) {}

    /** Answered 400 with the field problems. */
    static final class InvalidTokenException extends RuntimeException {

        private final List<FieldProblem> problems;

        InvalidTokenException(List<FieldProblem> problems) {
            super("invalid token request");
            this.problems = List.copyOf(problems);
        }

        List<FieldProblem> problems() {
            return problems;
        }
    }

    /** Answered 409 (the page: the message beside the name): a token with the name would act as its owner. */
    static final class NameTakenException extends RuntimeException {

        NameTakenException(String why) {
            super(why);
        }
    }
}
