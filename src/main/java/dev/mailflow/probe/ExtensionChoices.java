package dev.mailflow.probe;

import dev.mailflow.mail.InvalidInputException;
import dev.mailflow.smtp.SessionOptions;
import dev.mailflow.smtp.TlsMode;
import java.util.List;

/** The checks of a request's extension options, DSN ENVID and AUTH credentials, for {@link ProbeValidation}. */
final class ExtensionChoices {

    private static final int MAX_ENVID = 100;
    private static final int MAX_CREDENTIAL = 256;

    private ExtensionChoices() {}

    /** RFC 3461 §4.4: ENVID is xtext of printable ASCII; mailflow keeps it short. */
    static String envid(String envid, List<FieldProblem> problems) {
        if (envid == null || envid.isEmpty()) {
            return null;
        }
        if (envid.length() > MAX_ENVID || !envid.chars().allMatch(c -> c > 32 && c < 127)) {
            problems.add(new FieldProblem("envid", "1 to " + MAX_ENVID + " printable ASCII characters, no spaces"));
            return null;
        }
        return envid;
    }

    /**
     * RFC 4954 §4 leaves it to the client not to send a password in the clear; mailflow sends one
     * only when the session cannot go on without TLS (REQUIRED, or IMPLICIT from the first byte).
     * Problems never quote the password.
     */
    static SessionOptions.Credentials credentials(ProbeRequest.Auth auth, TlsMode tls, List<FieldProblem> problems) {
        if (auth == null) {
            return null;
        }
        if (tls != TlsMode.REQUIRED && tls != TlsMode.IMPLICIT) {
            problems.add(new FieldProblem("auth", "credentials are only sent over TLS: choose REQUIRED or IMPLICIT"));
            return null;
        }
        if (auth.username() == null
                || auth.username().isBlank()
                || auth.password() == null
                || auth.password().isEmpty()) {
            problems.add(new FieldProblem("auth", "AUTH needs a user name and a password"));
            return null;
        }
        if (auth.username().length() > MAX_CREDENTIAL || auth.password().length() > MAX_CREDENTIAL) {
            problems.add(new FieldProblem("auth", "the user name and password may have at most 256 characters"));
            return null;
        }
        try {
            return new SessionOptions.Credentials(auth.username(), auth.password(), auth.overUntrustedTls());
        } catch (InvalidInputException e) {
            problems.add(new FieldProblem("auth", e.getMessage()));
            return null;
        }
    }
}
