package dev.mailflow.probe;

import dev.mailflow.smtp.SessionListener;
import dev.mailflow.smtp.SessionOptions;
import dev.mailflow.smtp.SessionResult;
import java.time.Duration;

/** Runs one SMTP session of a probe against one checked target. */
@FunctionalInterface
interface SessionRunner {

    /**
     * @param credentials for AUTH, or null for none
     * @param timeLeft what is left of the run's deadline: every step and the whole session end within it
     */
    SessionResult run(
            ValidatedProbe probe,
            SessionOptions.Credentials credentials,
            Target target,
            SessionListener listener,
            Duration timeLeft);
}
