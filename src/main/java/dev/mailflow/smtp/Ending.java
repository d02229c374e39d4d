package dev.mailflow.smtp;

/**
 * How one connection attempt ended. {@code retryWithoutTls} marks a failed opportunistic handshake,
 * after which an MTA delivers in the clear (RFC 3207 §4.1 leaves the choice to the client).
 */
record Ending(SessionOutcome outcome, Phase phase, String detail, boolean retryWithoutTls) {

    static Ending of(SessionOutcome outcome, Phase phase, String detail) {
        return new Ending(outcome, phase, detail, false);
    }

    static Ending completed(Phase phase, String detail) {
        return of(SessionOutcome.COMPLETED, phase, detail);
    }
}
