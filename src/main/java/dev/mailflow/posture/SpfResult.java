package dev.mailflow.posture;

/** The results of SPF's check_host() (RFC 7208 §2.6). */
public enum SpfResult {
    PASS,
    FAIL,
    SOFTFAIL,
    NEUTRAL,
    NONE,
    PERMERROR,
    TEMPERROR;

    static SpfResult qualifier(char q) {
        return switch (q) {
            case '-' -> FAIL;
            case '~' -> SOFTFAIL;
            case '?' -> NEUTRAL;
            default -> PASS;
        };
    }
}
