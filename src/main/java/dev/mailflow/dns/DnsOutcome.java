package dev.mailflow.dns;

/** The outcome of building an MX plan; every DNS failure is one of these, never an exception. */
public enum DnsOutcome {
    /** MX records found, at least one host with addresses. */
    OK,
    /** No MX record: the domain's own A/AAAA serve as an implicit MX (RFC 5321 §5.1). */
    IMPLICIT_MX,
    /** A single {@code MX 0 .}: the domain accepts no mail (RFC 7505). */
    NULL_MX,
    /** The domain does not exist. */
    NXDOMAIN,
    /** The domain exists but has neither MX nor A/AAAA records, or no MX host has an address. */
    NO_MAIL_HOSTS,
    /** The resolver did not answer in time. */
    TIMEOUT,
    /** The resolver answered SERVFAIL (often a broken DNSSEC chain or unreachable authority). */
    SERVFAIL,
    /** The resolver refused the query. */
    REFUSED,
    /** The host was given explicitly; DNS was bypassed or used for the host's addresses only. */
    EXPLICIT,
    /** Any other failure; the detail says what. */
    ERROR
}
