package dev.mailflow.diagnosis;

import dev.mailflow.dns.DnsOutcome;
import dev.mailflow.dns.HostLiteral;
import dev.mailflow.dns.MxFlaw;
import dev.mailflow.dns.MxHost;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.smtp.EnhancedStatus;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Notify;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.ReplyFlaw;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.SessionResult;
import dev.mailflow.smtp.SmtpReply;
import dev.mailflow.smtp.TlsMode;
import dev.mailflow.tls.TlsFacts;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * One golden transcript under {@code src/test/resources/golden}: the facts of a run as the probe
 * would hand them over, and what the diagnosis must say about them. Omitted fields get the seed's
 * defaults (EHLO contoso.com, sender helpdesk@contoso.com, port 25, TLS OPPORTUNISTIC).
 */
record GoldenCase(String name, Facts facts, Expect expect) {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static GoldenCase read(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), GoldenCase.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException("broken golden file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param reason when given, the top finding's reason and the run's
     * @param causeContains when given, a text one of the top finding's causes contains
     */
    record Expect(
            String verdict,
            String verdictContains,
            String topFinding,
            List<String> findings,
            Reason reason,
            String causeContains) {
        Expect {
            findings = findings == null ? List.of() : findings;
        }
    }

    record Facts(
            String domain,
            String ehlo,
            String mailFrom,
            List<String> rcptTo,
            TlsMode tls,
            Dns dns,
            List<Session> sessions,

            @com.fasterxml.jackson.annotation.JsonProperty("notify")
            List<Notify> dsnNotify) {}

    record Dns(DnsOutcome status, String detail, List<Host> hosts) {}

    record Host(int preference, String name, List<String> addresses, Set<MxFlaw> flaws) {}

    record Session(
            String host,
            String address,
            Integer port,
            Integer preference,
            SessionOutcome outcome,
            Phase phase,
            String detail,
            Map<String, String> extensions,
            TlsFacts tls,
            List<Step> exchanges) {}

    /** One command and its reply lines as received; {@code ms} is the reply's delay. */
    record Step(Phase phase, String command, List<String> reply, Long ms, List<ReplyFlaw> flaws) {}

    RunFacts runFacts() {
        var rcptTo = facts.rcptTo() == null ? List.<String>of() : facts.rcptTo();
        var domain = facts.domain() != null
                ? facts.domain()
                : rcptTo.isEmpty()
                        ? null
                        : rcptTo.getFirst().substring(rcptTo.getFirst().indexOf('@') + 1);
        var hosts = facts.dns() == null || facts.dns().hosts() == null
                ? List.<Host>of()
                : facts.dns().hosts().stream()
                        .map(h -> new Host(
                                h.preference(),
                                h.name(),
                                h.addresses() == null ? List.of() : h.addresses(),
                                h.flaws() == null ? Set.of() : h.flaws()))
                        .toList();
        var dns = facts.dns() == null
                ? null
                : new MxPlan(
                        domain,
                        facts.dns().status(),
                        hosts.stream().map(GoldenCase::mxHost).toList(),
                        Duration.ofMillis(20),
                        facts.dns().detail());
        var sessions = facts.sessions() == null
                ? List.<SessionFacts>of()
                : facts.sessions().stream().map(s -> session(s, hosts)).toList();
        return new RunFacts(
                domain,
                Objects.requireNonNullElse(facts.ehlo(), "contoso.com"),
                Objects.requireNonNullElse(facts.mailFrom(), "helpdesk@contoso.com"),
                rcptTo,
                Objects.requireNonNullElse(facts.tls(), TlsMode.OPPORTUNISTIC),
                dns,
                sessions,
                facts.dsnNotify() == null ? Set.of() : Set.copyOf(facts.dsnNotify()),
                RunFacts.Egress.UNKNOWN);
    }

    private static MxHost mxHost(Host host) {
        var addresses = host.addresses().stream().map(GoldenCase::literal).toList();
        return new MxHost(host.preference(), host.name(), addresses, Duration.ofMillis(5), host.flaws());
    }

    /** The golden files hold address literals only; parsing one looks nothing up. */
    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + address, e);
        }
    }

    private static SessionFacts session(Session s, List<Host> hosts) {
        var mx = hosts.stream().filter(h -> h.name().equals(s.host())).findFirst();
        var address = s.address() != null
                ? s.address()
                : mx.filter(h -> !h.addresses().isEmpty())
                        .map(h -> h.addresses().getFirst())
                        .orElse("192.0.2.1");
        var port = s.port() == null ? 25 : s.port();
        var preference = s.preference() != null
                ? s.preference()
                : mx.map(Host::preference).orElse(0);
        var steps = s.exchanges() == null ? List.<Step>of() : s.exchanges();
        var exchanges = steps.stream().map(GoldenCase::exchange).toList();
        var phase = s.phase() != null
                ? s.phase()
                : exchanges.isEmpty() ? Phase.CONNECT : exchanges.getLast().phase();
        var result = new SessionResult(
                s.outcome(),
                phase,
                s.detail(),
                exchanges,
                s.extensions() == null ? Map.of() : s.extensions(),
                s.tls(),
                Duration.ofSeconds(1));
        return new SessionFacts(
                s.host() + "/" + address + ":" + port,
                s.host(),
                HostLiteral.parse(address).orElseThrow(),
                port,
                preference,
                result);
    }

    private static Exchange exchange(Step step) {
        var lines = step.reply();
        var first = lines.getFirst();
        var flaws = step.flaws() == null ? EnumSet.noneOf(ReplyFlaw.class) : EnumSet.copyOf(step.flaws());
        var code = first.matches("^[2-5]\\d\\d([ -].*)?$") ? Integer.parseInt(first.substring(0, 3)) : 0;
        if (code == 0) {
            flaws.add(ReplyFlaw.MALFORMED_LINE);
        }
        var enhanced = code == 0 || first.length() <= 4
                ? null
                : EnhancedStatus.leading(first.substring(4)).orElse(null);
        var took = Duration.ofMillis(step.ms() == null ? 50 : step.ms());
        var reply = new SmtpReply(code, enhanced, lines, took, flaws);
        return new Exchange(step.phase(), step.command() == null ? "" : step.command(), reply);
    }

    /** A run to b@example.org from a@contoso.com with TLS off, no DNS facts, and the one session. */
    static RunFacts oneSession(SessionFacts session, Set<Notify> notify) {
        return new RunFacts(
                "example.org",
                "contoso.com",
                "a@contoso.com",
                List.of("b@example.org"),
                TlsMode.NONE,
                null,
                List.of(session),
                notify,
                RunFacts.Egress.UNKNOWN);
    }

    /** The one session of a hand-built case: mx.example.org at 192.0.2.1:25, preference 10. */
    static SessionFacts session(SessionResult result) {
        return new SessionFacts(
                "mx/192.0.2.1:25",
                "mx.example.org",
                HostLiteral.parse("192.0.2.1").orElseThrow(),
                25,
                10,
                result);
    }
}
