package dev.mailflow.diagnosis;

import java.util.List;

/**
 * Everything a diagnosis may look at: the request's names, the MX lookup and every session in the
 * order they ran.
 *
 * @param ehlo the EHLO name we used
 * @param mailFrom the sender, empty for the null sender
 * @param tls the TLS mode requested, as its enum name
 * @param dsnNotify the DSN NOTIFY values asked for (RFC 3461 §4.1), as enum names; empty when none
 */
public record RunFacts(
        String domain,
        String ehlo,
        String mailFrom,
        List<String> rcptTo,
        String tls,
        DnsFacts dns,
        List<SessionFacts> sessions,
        List<String> dsnNotify) {

    public RunFacts {
        rcptTo = List.copyOf(rcptTo);
        sessions = List.copyOf(sessions);
        dsnNotify = dsnNotify == null ? List.of() : List.copyOf(dsnNotify);
    }

    /** A run that asked for no delivery status notification. */
    public RunFacts(
            String domain,
            String ehlo,
            String mailFrom,
            List<String> rcptTo,
            String tls,
            DnsFacts dns,
            List<SessionFacts> sessions) {
        this(domain, ehlo, mailFrom, rcptTo, tls, dns, sessions, List.of());
    }
}
