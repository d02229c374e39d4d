package dev.mailflow.posture;

/** How one posture check came out, as the run page's row shows it. */
public enum PostureStatus {
    PASS,
    WARN,
    FAIL,
    /** The domain publishes nothing for this check (no record: not an error by itself). */
    NOT_PUBLISHED,
    /** The check could not tell (lookup failed, list refused to answer, nothing to compare). */
    UNKNOWN
}
