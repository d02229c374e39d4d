package dev.mailflow.probe;

import dev.mailflow.smtp.SessionListener;
import dev.mailflow.smtp.SessionResult;

/** Runs one SMTP session of a probe against one checked target. */
@FunctionalInterface
interface SessionRunner {

    SessionResult run(ValidatedProbe probe, Target target, SessionListener listener);
}
