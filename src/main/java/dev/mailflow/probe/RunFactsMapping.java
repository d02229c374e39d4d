package dev.mailflow.probe;

import dev.mailflow.diagnosis.RunFacts;
import dev.mailflow.diagnosis.SessionFacts;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.mail.MailAddress;
import java.util.List;

/** The facts of a finished run in the diagnosis' own terms (it knows nothing of probe). */
final class RunFactsMapping {

    private RunFactsMapping() {}

    static RunFacts facts(ValidatedProbe probe, MxPlan plan, List<SessionRecord> sessions) {
        var sessionFacts = sessions.stream()
                .filter(s -> s.result() != null)
                .map(s -> new SessionFacts(s.key(), s.host(), s.address(), s.port(), s.preference(), s.result()))
                .toList();
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
