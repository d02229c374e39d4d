package dev.mailflow.probe;

import dev.mailflow.smtp.SessionListener;
import dev.mailflow.smtp.SessionResult;
import java.time.Duration;

/** Runs one SMTP session of a probe against one checked target. */
@FunctionalInterface
interface SessionRunner {

    /** @param budget what is left of the run's deadline: the session's total deadline is at most this */
    SessionResult run(ValidatedProbe probe, Target target, SessionListener listener, Duration budget);
}
