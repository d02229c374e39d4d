package dev.mailflow.diagnosis;

/**
 * What may still happen to mail whose envelope a server accepted: the later checks a receiver runs
 * (sender authentication at the end of the message, the sending address's reputation) that a probe
 * stopping at RCPT never reaches. Least first.
 */
public enum Risk {
    /** Nothing the diagnosis knows of stands in the way. */
    NONE,
    /** The mail may land in spam or be refused by stricter receivers. */
    AT_RISK,
    /** The receiver will most likely refuse the message after accepting the recipient. */
    LIKELY_REFUSED
}
