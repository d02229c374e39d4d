package dev.mailflow.smtp;

import dev.mailflow.egress.PolicyRefusedException;
import dev.mailflow.text.UntrustedText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/** Thrown inside the dialogue to end it; carries the {@link Ending} the session reports. */
final class SessionStop extends Exception {

    private static final int MAX_DETAIL = 300;

    private final transient Ending ending;

    SessionStop(Ending ending) {
        super(ending.detail(), null, false, false);
        this.ending = ending;
    }

    SessionStop(SessionOutcome outcome, Phase phase, String detail) {
        this(Ending.of(outcome, phase, detail));
    }

    Ending ending() {
        return ending;
    }

    /** Goes on only after a well-formed, complete 2xx reply. */
    static void expectPositive(Phase phase, SmtpReply reply) throws SessionStop {
        if (reply.codeClass() != 2 || reply.isMalformed() || reply.flaws().contains(ReplyFlaw.EOF_MID_REPLY)) {
            throw forReply(phase, reply);
        }
    }

    /**
     * The ending for a reply that does not let the dialogue go on: a reply cut off, malformed, or of
     * the wrong kind is a protocol problem; otherwise 4xx defers and 5xx rejects (RFC 5321 §4.2.1).
     */
    static SessionStop forReply(Phase phase, SmtpReply reply) {
        String quoted = quote(reply);
        if (reply.flaws().contains(ReplyFlaw.EOF_MID_REPLY)) {
            return new SessionStop(
                    SessionOutcome.CLOSED, phase, "the server closed the connection in the middle of a reply");
        }
        if (reply.isMalformed()) {
            return new SessionStop(SessionOutcome.PROTOCOL_ERROR, phase, "malformed reply: " + quoted);
        }
        return switch (reply.codeClass()) {
            case 4 -> new SessionStop(SessionOutcome.DEFERRED, phase, quoted);
            case 5 -> new SessionStop(SessionOutcome.REJECTED, phase, quoted);
            default -> new SessionStop(SessionOutcome.PROTOCOL_ERROR, phase, "unexpected reply: " + quoted);
        };
    }

    /** Maps a failed connect, read or write to an outcome; the watchdog's close counts as the deadline. */
    static SessionStop forIo(IOException e, Phase phase, Deadline deadline) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String lower = message.toLowerCase(Locale.ROOT);
        if (Thread.currentThread().isInterrupted()) {
            return new SessionStop(SessionOutcome.ERROR, phase, "the run was interrupted");
        }
        if (deadline.passed()) {
            return new SessionStop(
                    SessionOutcome.DEADLINE,
                    phase,
                    "the session's total deadline of " + deadline.total().toSeconds() + " s passed");
        }
        if (e instanceof ReplyOutOfStepException) {
            return new SessionStop(SessionOutcome.PROTOCOL_ERROR, phase, message);
        }
        if (e instanceof ConnectionClosedException) {
            return new SessionStop(SessionOutcome.CLOSED, phase, "the server closed the connection");
        }
        if (e instanceof SocketTimeoutException) {
            return new SessionStop(SessionOutcome.TIMED_OUT, phase, "no answer in time (" + message + ")");
        }
        if (e instanceof PolicyRefusedException refused) {
            return new SessionStop(SessionOutcome.POLICY_REFUSED, phase, refused.reason());
        }
        if (e instanceof NoRouteToHostException || lower.contains("unreachable")) {
            return new SessionStop(SessionOutcome.UNREACHABLE, phase, message);
        }
        if (e instanceof ConnectException && lower.contains("refused")) {
            return new SessionStop(SessionOutcome.REFUSED, phase, "Connection refused");
        }
        if (e instanceof ConnectException && lower.contains("timed out")) {
            return new SessionStop(SessionOutcome.TIMED_OUT, phase, message);
        }
        if (phase == Phase.CONNECT) {
            return new SessionStop(SessionOutcome.UNREACHABLE, phase, message);
        }
        return new SessionStop(SessionOutcome.CLOSED, phase, "the connection failed: " + message);
    }

    /** The reply as one short line: server text is data, shown only through the one sanitizer. */
    static String quote(SmtpReply reply) {
        return UntrustedText.shown(reply.code() + " " + reply.text(), MAX_DETAIL);
    }
}
