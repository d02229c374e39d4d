package dev.mailflow.probe;

import dev.mailflow.diagnosis.DnsFacts;
import dev.mailflow.diagnosis.RunFacts;
import dev.mailflow.diagnosis.SessionFacts;
import dev.mailflow.dns.DnsOutcome;
import dev.mailflow.dns.MxFlaw;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.mail.MailAddress;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

/** The facts of a finished run in the diagnosis' own terms (it knows nothing of dns or probe). */
final class RunFactsMapping {

    private RunFactsMapping() {}

    static RunFacts facts(ValidatedProbe probe, MxPlan plan, List<SessionRecord> sessions) {
        var dns = new DnsFacts(
                plan.domain(),
                status(plan.outcome()),
                plan.detail(),
                plan.hosts().stream()
                        .map(h -> new DnsFacts.Host(
                                h.preference(),
                                h.name(),
                                h.addresses().stream()
                                        .map(InetAddress::getHostAddress)
                                        .toList(),
                                h.flaws().stream().map(RunFactsMapping::flaw).collect(Collectors.toSet())))
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
                probe.tls(),
                dns,
                sessionFacts,
                probe.dsnNotify());
    }

    /** Exhaustive on purpose: a new DNS outcome does not compile until the diagnosis has its own word. */
    static DnsFacts.Status status(DnsOutcome outcome) {
        return switch (outcome) {
            case OK -> DnsFacts.Status.OK;
            case IMPLICIT_MX -> DnsFacts.Status.IMPLICIT_MX;
            case NULL_MX -> DnsFacts.Status.NULL_MX;
            case NXDOMAIN -> DnsFacts.Status.NXDOMAIN;
            case NO_MAIL_HOSTS -> DnsFacts.Status.NO_MAIL_HOSTS;
            case TIMEOUT -> DnsFacts.Status.TIMEOUT;
            case SERVFAIL -> DnsFacts.Status.SERVFAIL;
            case REFUSED -> DnsFacts.Status.REFUSED;
            case EXPLICIT -> DnsFacts.Status.EXPLICIT;
            case ERROR -> DnsFacts.Status.ERROR;
        };
    }

    static DnsFacts.Flaw flaw(MxFlaw flaw) {
        return switch (flaw) {
            case DANGLING -> DnsFacts.Flaw.DANGLING;
            case CNAME -> DnsFacts.Flaw.CNAME;
            case IP_LITERAL -> DnsFacts.Flaw.IP_LITERAL;
            case LOOKUP_FAILED -> DnsFacts.Flaw.LOOKUP_FAILED;
        };
    }
}
