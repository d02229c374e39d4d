package dev.mailflow.smtp;

/** One SMTP conversation with one server address, written for diagnosis. */
public final class SmtpSession {

    private final Connector connector;
    private final SessionListener listener;

    public SmtpSession(Connector connector, SessionListener listener) {
        this.connector = connector;
        this.listener = listener;
    }

    /** Runs the session to its stop-point; never throws, the outcome says how it ended. */
    public SessionResult run(SessionPlan plan) {
        throw new UnsupportedOperationException("built in the smtp package work");
    }
}
