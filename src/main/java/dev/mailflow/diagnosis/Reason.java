package dev.mailflow.diagnosis;

import java.util.Locale;

/**
 * Why a server refused or deferred: the fixed vocabulary every view shares (JSON, run page,
 * escalation note, audit line, metrics). What makes a reply one of these is data, in {@code
 * knowledge/reasons.yaml} and the vendor tables of {@code knowledge/vendors.yaml}.
 */
public enum Reason {
    RECIPIENT_UNKNOWN,
    MAILBOX_FULL,
    MAILBOX_DISABLED,
    DOMAIN_UNKNOWN,
    RELAY_DENIED,
    BLOCKLISTED,
    BAD_REPUTATION,
    RATE_LIMITED,
    REVERSE_DNS_REQUIRED,
    SENDER_AUTH_FAILED,
    POLICY,
    SPAM_CONTENT,
    VIRUS,
    MESSAGE_TOO_LARGE,
    SYSTEM_FULL,
    SYSTEM_ERROR,
    TLS_REQUIRED,
    AUTH_REQUIRED,
    GREYLISTED,
    SENDER_REJECTED,
    NOT_ACCEPTING_MAIL,
    SYNTAX_OR_PROTOCOL,
    UNRECOGNISED;

    /** The reason in words, e.g. "rate limited"; also the {@code reason} label value in lower case. */
    public String words() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
