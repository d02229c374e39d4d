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
        var sessionFacts = sessions.stream().filter(s -> s.result() != null).toList();
        return new RunFacts(
                probe.domain() == null ? plan.domain() : probe.domain(),
                probe.ehlo().value(),
                probe.mailFrom().toString(),
                probe.rcptTo().stream().map(MailAddress::toString).toList(),
                probe.tls(),
                plan,
                sessionFacts,
                probe.dsnNotify());
    }
}
