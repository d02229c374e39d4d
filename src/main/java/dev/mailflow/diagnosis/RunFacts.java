package dev.mailflow.diagnosis;

import dev.mailflow.dns.MxPlan;
import dev.mailflow.smtp.Notify;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.smtp.TlsMode;
import java.util.List;
import java.util.Set;

/**
 * Everything a diagnosis may look at: the request's names, the MX plan and every session in the
 * order they ran.
 *
 * @param ehlo the EHLO name we used
 * @param mailFrom the sender, empty for the null sender
 * @param dns the MX plan, null when there is none (an explicit host's plan has outcome EXPLICIT)
 * @param tls the TLS mode requested
 * @param dsnNotify the DSN NOTIFY values asked for (RFC 3461 §4.1); empty when none
 * @param egress whose address the sessions came from
 */
public record RunFacts(
        String domain,
        String ehlo,
        String mailFrom,
        List<String> rcptTo,
        TlsMode tls,
        MxPlan dns,
        List<SessionFacts> sessions,
        Set<Notify> dsnNotify,
        Egress egress) {

    public RunFacts {
        rcptTo = List.copyOf(rcptTo);
        sessions = List.copyOf(sessions);
        dsnNotify = dsnNotify == null ? Set.of() : Set.copyOf(dsnNotify);
        egress = egress == null ? Egress.UNKNOWN : egress;
    }

    /**
     * The addresses the sessions were sent from, and the addresses {@code mailflow.posture.our-addresses}
     * names as the organisation's mail servers.
     *
     * @param used our end of each connection, as IP literals
     * @param ourServers the configured addresses; empty when none are configured
     */
    public record Egress(List<String> used, List<String> ourServers) {

        public static final Egress UNKNOWN = new Egress(List.of(), List.of());

        public Egress {
            used = List.copyOf(used);
            ourServers = List.copyOf(ourServers);
        }
    }
}
