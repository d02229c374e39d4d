package dev.mailflow.dns;

/** Things wrong with one MX host that a sender may or may not tolerate. */
public enum MxFlaw {
    /** The host has no A or AAAA record. */
    DANGLING,
    /** The MX target is an alias (CNAME), which RFC 5321 §5.1 forbids. */
    CNAME,
    /** The MX target is an IP address written as a name, which is not a host name. */
    IP_LITERAL,
    /** The address lookup timed out or failed; the host may still have addresses. */
    LOOKUP_FAILED
}
