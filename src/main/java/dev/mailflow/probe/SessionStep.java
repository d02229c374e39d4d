package dev.mailflow.probe;

import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.probe.ProbeEvent.Kind;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.SessionResult;
import dev.mailflow.text.AddressText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One session of a run, from the policy check to its recorded outcome, within the run's one
 * deadline ({@code mailflow.smtp.timeouts.total} from the run's start).
 */
record SessionStep(TargetPolicy targets, SessionSlots slots, SessionRunner sessions, Duration runTotal) {

    /**
     * Checks the target, waits for a slot within the run's deadline, runs the session, records its result.
     *
     * @param endNanos a deadline of the caller's ({@link System#nanoTime()}), or Long.MAX_VALUE for none
     */
    SessionResult run(ProbeRun run, ProbeValidation.Checked checked, Target target, long endNanos)
            throws InterruptedException {
        var key = target.key();
        run.append(
                key,
                Phase.CONNECT,
                Kind.SESSION,
                target.host().name() + " [" + AddressText.of(target.address()) + "]:" + target.port(),
                new EventDetail.Session(
                        target.host().name(),
                        AddressText.of(target.address()),
                        target.port(),
                        target.host().preference(),
                        checked.probe().ehlo().value()));
        var decision = targets.check(target.address(), target.port());
        SessionResult result;
        if (!decision.allowed()) {
            run.append(key, Phase.CONNECT, Kind.ERROR, decision.reason());
            result = new SessionResult(
                    SessionOutcome.POLICY_REFUSED,
                    Phase.CONNECT,
                    decision.reason(),
                    List.of(),
                    Map.of(),
                    null,
                    Duration.ZERO);
        } else {
            result = underDeadline(run, checked, target, endNanos);
        }
        // The result first, then its event: whoever renders the OUTCOME event finds the session over.
        run.update(s -> s.withSession(target.pending().ended(result)));
        run.append(
                key,
                result.phase(),
                Kind.OUTCOME,
                result.outcome() + " in " + result.phase() + (result.detail() == null ? "" : ": " + result.detail()),
                new EventDetail.Outcome(result.outcome(), result.phase()));
        return result;
    }

    /**
     * Waiting for a slot counts against the run's deadline: a session that cannot start before it
     * ends is TIMED_OUT without connecting, and one that starts gets only what is left.
     */
    private SessionResult underDeadline(ProbeRun run, ProbeValidation.Checked checked, Target target, long endNanos)
            throws InterruptedException {
        long now = System.nanoTime();
        long end = Math.min(
                endNanos, now + runTotal.minusMillis(run.elapsedMillis()).toNanos());
        var left = Duration.ofNanos(end - now);
        var slot = left.isPositive() ? slots.acquire(target.address(), left) : Optional.<SessionSlots.Slot>empty();
        if (slot.isEmpty()) {
            var why = "no session slot came free within the run's deadline of " + runTotal.toSeconds()
                    + " s (mailflow.smtp.timeouts.total); nothing was contacted";
            return new SessionResult(
                    SessionOutcome.TIMED_OUT, Phase.CONNECT, why, List.of(), Map.of(), null, Duration.ZERO);
        }
        try (var held = slot.get()) {
            return sessions.run(
                    checked.probe(),
                    checked.credentials(),
                    target,
                    new EventRecorder(run, target.key()),
                    Duration.ofNanos(end - System.nanoTime()));
        }
    }
}
