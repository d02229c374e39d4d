package dev.mailflow.message;

/** What a message a user brings is, as far as mail delivery goes. */
public enum BounceKind {
    /** A non-delivery report: at least one recipient failed. */
    BOUNCE,
    /** A delay notice: delivery is still being tried (until {@code retryUntil}). */
    DELAY,
    /** A delivery report: the message was delivered (RFC 3464 {@code Action: delivered}). */
    DELIVERED,
    /** A relay report: handed on to a system that sends no reports ({@code relayed}, {@code expanded}). */
    RELAYED,
    /** An abuse or complaint report (RFC 5965 ARF). */
    FEEDBACK,
    /** An automatic reply (RFC 3834): vacation, out of office. */
    AUTO_REPLY,
    /** None of these: no delivery report and no server reply in it. */
    NOT_A_BOUNCE
}
