package dev.mailflow.posture;

/** Ends an SPF evaluation with an error result (RFC 7208 §2.6.6, §2.6.7) and why. */
final class SpfError extends Exception {

    private final SpfResult result;

    SpfError(SpfResult result, String detail) {
        super(detail, null, false, false);
        this.result = result;
    }

    SpfResult result() {
        return result;
    }
}
