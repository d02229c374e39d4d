package dev.mailflow.diagnosis;

import java.util.List;

/**
 * Everything a diagnosis may look at: the request's names, the MX lookup and every session in the
 * order they ran.
 *
 * @param ehlo the EHLO name we used
 * @param mailFrom the sender, empty for the null sender
 * @param tls the TLS mode requested, as its enum name
 */
public record RunFacts(
        String domain,
        String ehlo,
        String mailFrom,
        List<String> rcptTo,
        String tls,
        DnsFacts dns,
        List<SessionFacts> sessions) {

    public RunFacts {
        rcptTo = List.copyOf(rcptTo);
        sessions = List.copyOf(sessions);
    }
}
