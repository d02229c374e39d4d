package dev.mailflow.egress;

import java.net.SocketException;

/**
 * The target policy refused a connection: nothing was sent. A {@link SocketException} so that it
 * travels through the session's connect like any other failure to connect, but typed, so the
 * session reports it as a refusal by policy and never as a network failure.
 */
public final class PolicyRefusedException extends SocketException {

    private final TargetDecision decision;

    /** @param decision a refusal */
    public PolicyRefusedException(TargetDecision decision) {
        super(decision.reason());
        this.decision = decision;
    }

    /** Why the policy refused: a plain sentence a user can read. */
    public String reason() {
        return decision.reason();
    }
}
