package dev.mailflow.probe;

import dev.mailflow.diagnosis.RunFacts;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.mail.MailAddress;
import dev.mailflow.smtp.SessionFacts;
import java.util.List;

/** The facts of a finished run in the diagnosis' own terms (it knows nothing of probe). */
final class RunFactsMapping {

    private RunFactsMapping() {}

    static RunFacts facts(ValidatedProbe probe, MxPlan plan, List<SessionFacts> sessions) {
        return facts(probe, plan, sessions, RunFacts.Egress.UNKNOWN);
    }

    /** @param egress our end of the connections and the configured addresses of our mail servers */
    static RunFacts facts(ValidatedProbe probe, MxPlan plan, List<SessionFacts> sessions, RunFacts.Egress egress) {
        var sessionFacts = sessions.stream().filter(s -> s.result() != null).toList();
        return new RunFacts(
                probe.domain() == null ? plan.domain() : probe.domain(),
                probe.ehlo().value(),
                probe.mailFrom().toString(),
                probe.rcptTo().stream().map(MailAddress::toString).toList(),
                probe.tls(),
                plan,
                sessionFacts,
                probe.dsnNotify(),
                egress);
    }

    /** Our end of each connection the run opened, as the sessions' connected events name it. */
    static List<String> used(List<ProbeEvent> events) {
        return events.stream()
                .map(e -> e.detail(EventDetail.Connected.class))
                .filter(c -> c != null && c.local() != null)
                .map(c -> c.local()
                        .substring(0, Math.max(0, c.local().lastIndexOf(':')))
                        .replaceAll("^\\[|]$", ""))
                .distinct()
                .toList();
    }
}
