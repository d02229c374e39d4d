package dev.mailflow.egress;

/**
 * Whether mailflow may contact an address and port, and why not.
 *
 * @param reason a plain sentence a user can read ("127.0.0.1 is a loopback address, which is not
 *     allowed by policy"); null when allowed
 */
public record TargetDecision(boolean allowed, String reason) {

    public TargetDecision {
        if (!allowed && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
    }

    public static TargetDecision allow() {
        return new TargetDecision(true, null);
    }

    public static TargetDecision refuse(String reason) {
        return new TargetDecision(false, reason);
    }

    public boolean refused() {
        return !allowed;
    }
}
