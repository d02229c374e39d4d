package dev.mailflow.probe;

import dev.mailflow.diagnosis.DnsFacts;
import dev.mailflow.diagnosis.RunFacts;
import dev.mailflow.diagnosis.SessionFacts;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.mail.MailAddress;
import dev.mailflow.text.AddressText;
import java.util.List;

/** The facts of a finished run in the diagnosis' own terms (it knows nothing of dns or probe). */
final class RunFactsMapping {

    private RunFactsMapping() {}

    static RunFacts facts(ValidatedProbe probe, MxPlan plan, List<SessionRecord> sessions) {
        var dns = new DnsFacts(
                plan.domain(),
                plan.outcome().name(),
                plan.detail(),
                plan.hosts().stream()
                        .map(h -> new DnsFacts.Host(
                                h.preference(),
                                h.name(),
                                h.addresses().stream().map(AddressText::of).toList(),
                                h.flaws().stream().map(Enum::name).sorted().toList()))
                        .toList());
        var sessionFacts = sessions.stream()
                .filter(s -> s.result() != null)
                .map(s -> new SessionFacts(s.key(), s.host(), s.address(), s.port(), s.preference(), s.result()))
                .toList();
        return new RunFacts(
                probe.domain() == null ? plan.domain() : probe.domain(),
                probe.ehlo().value(),
                probe.mailFrom().toString(),
                probe.rcptTo().stream().map(MailAddress::toString).toList(),
                probe.tls().name(),
                dns,
                sessionFacts,
                probe.dsnNotify().stream().map(Enum::name).sorted().toList());
    }
}
