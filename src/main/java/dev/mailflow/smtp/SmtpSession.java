package dev.mailflow.smtp;

import dev.mailflow.tls.TlsHandshaker;
import java.time.Duration;
import java.util.EnumSet;

/**
 * One SMTP conversation with one server address, written for diagnosis: every line sent and received
 * goes to the {@link SessionListener} as it happens, and the result names the outcome and the phase
 * it happened in. The dialogue itself is {@link Dialogue#run()}.
 */
public final class SmtpSession {

    private static final EnumSet<Phase> STOP_POINTS = EnumSet.range(Phase.CONNECT, Phase.DATA);

    private final Dialogue.Parts parts;

    public SmtpSession(Connector connector, SessionListener listener, TlsHandshaker handshaker) {
        this.parts = new Dialogue.Parts(connector, listener, handshaker);
    }

    /** Runs the session to its stop-point with {@link SessionOptions#defaults()}; never throws. */
    public SessionResult run(SessionPlan plan) {
        return run(plan, SessionOptions.defaults());
    }

    /**
     * Runs the session to its stop-point; never throws, the outcome says how it ended.
     *
     * <ol>
     *   <li>Check the plan; a plan that cannot run ends in ERROR before any connect.
     *   <li>Start the total deadline's watchdog.
     *   <li>Run the dialogue.
     *   <li>When an opportunistic TLS handshake failed, run it once more without TLS, as an MTA would.
     * </ol>
     */
    public SessionResult run(SessionPlan plan, SessionOptions options) {
        long started = System.nanoTime();
        var transcript = new Transcript();
        Ending ending;
        try {
            ending = check(plan);
            if (ending == null) {
                try (var deadline = Deadline.start(plan.timeouts().total())) {
                    ending = new Dialogue(parts, plan, options, plan.tls(), transcript, deadline).run();
                    if (ending.retryWithoutTls()) {
                        parts.listener().note(Phase.TLS, ending.detail() + "; connecting again without TLS");
                        ending = new Dialogue(parts, plan, options, TlsMode.NONE, transcript, deadline).run();
                    }
                }
            }
        } catch (RuntimeException e) {
            ending = Ending.of(SessionOutcome.ERROR, Phase.CONNECT, "internal error: " + e);
        }
        if (ending.outcome() != SessionOutcome.COMPLETED) {
            parts.listener().note(ending.phase(), ending.outcome() + ": " + ending.detail());
        }
        return new SessionResult(
                ending.outcome(),
                ending.phase(),
                ending.detail(),
                transcript.exchanges(),
                transcript.extensions().keywords(),
                transcript.tls(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static Ending check(SessionPlan plan) {
        String problem = null;
        if (!STOP_POINTS.contains(plan.quitAfter())) {
            problem = "the stop-point must be one of CONNECT to DATA, not " + plan.quitAfter();
        } else if (plan.quitAfter().compareTo(Phase.RCPT) >= 0 && plan.rcptTo().isEmpty()) {
            problem = "a session that goes to RCPT needs at least one recipient";
        } else if (plan.dsnNotify().contains(Notify.NEVER) && plan.dsnNotify().size() > 1) {
            problem = "NOTIFY=NEVER cannot be combined with other values (RFC 3461 §4.1)";
        }
        return problem == null ? null : Ending.of(SessionOutcome.ERROR, Phase.CONNECT, problem);
    }
}
