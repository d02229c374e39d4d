package dev.mailflow.probe;

import dev.mailflow.dns.MxResolver;
import dev.mailflow.mail.DomainName;
import dev.mailflow.mail.EhloName;
import dev.mailflow.mail.InvalidInputException;
import dev.mailflow.mail.MailAddress;
import dev.mailflow.smtp.Notify;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionOptions;
import dev.mailflow.smtp.SmtpProperties;
import dev.mailflow.smtp.TlsMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a {@link ProbeRequest} into a {@link ValidatedProbe}, or names every invalid field. Field
 * names are those of the JSON contract.
 */
final class ProbeValidation {

    /** Stop-points a request may name; AUTH and QUIT are steps, not places to stop. */
    private static final Set<Phase> STOP_POINTS =
            EnumSet.of(Phase.CONNECT, Phase.BANNER, Phase.EHLO, Phase.TLS, Phase.MAIL, Phase.RCPT, Phase.DATA);

    private static final int MAX_HOST_LENGTH = 255;
    private static final int MAX_SUBJECT = 200;
    private static final int MAX_BODY = 64 * 1024;

    private final SmtpProperties smtp;
    private final ProbeProperties limits;
    private final String defaultEhlo;
    private final List<Integer> allowedPorts;

    ProbeValidation(SmtpProperties smtp, ProbeProperties limits, String defaultEhlo, List<Integer> allowedPorts) {
        this.smtp = smtp;
        this.limits = limits;
        this.defaultEhlo = defaultEhlo;
        this.allowedPorts = List.copyOf(allowedPorts);
    }

    /** The request validated, the credentials for AUTH apart: a run keeps the probe, never the password. */
    record Checked(ValidatedProbe probe, SessionOptions.Credentials credentials) {}

    ValidatedProbe validate(ProbeRequest request) {
        return check(request).probe();
    }

    Checked check(ProbeRequest request) {
        var problems = new ArrayList<FieldProblem>();

        var rcptTo = new ArrayList<>(RecipientChoices.recipients(request.rcptTo(), limits.maxRecipients(), problems));

        String domain = null;
        if (!blank(request.domain())) {
            // A domain is checked with the same rules as the domain of an address (RFC 5321 §4.1.2).
            var asAddress = parse("domain", "postmaster@" + request.domain().strip(), problems, MailAddress::parse);
            domain = asAddress == null ? null : asAddress.domain();
        } else if (request.rcptTo().isEmpty() && blank(request.host())) {
            problems.add(new FieldProblem("rcptTo", "give a recipient address or a domain"));
        }
        if (domain != null || blank(request.domain())) {
            domain = RecipientChoices.domain(domain, rcptTo, problems);
        }
        if (rcptTo.isEmpty() && request.rcptTo().isEmpty() && domain != null) {
            // RFC 5321 §4.5.1: every domain that accepts mail must accept postmaster.
            rcptTo.add(new MailAddress("postmaster", domain));
        }

        MailAddress mailFrom = MailAddress.NULL_SENDER;
        String from = blank(request.mailFrom()) ? smtp.mailFrom() : request.mailFrom();
        if (!blank(from) && !from.strip().equals("<>")) {
            mailFrom = parse("mailFrom", from, problems, MailAddress::parse);
        }

        String ehloText = blank(request.ehlo()) ? defaultEhlo : request.ehlo();
        var ehlo = parse("ehlo", ehloText, problems, EhloName::parse);

        String host = null;
        if (!blank(request.host())) {
            host = request.host().strip();
            if (host.length() > MAX_HOST_LENGTH) {
                problems.add(new FieldProblem("host", "not a host name or IP address: longer than 255 octets"));
            } else {
                var problem = MxResolver.hostProblem(host);
                problem.ifPresent(why -> problems.add(new FieldProblem("host", why)));
                host = problem.isPresent() ? host : aLabels(host);
            }
        }

        var tls = request.tls() == null ? TlsMode.OPPORTUNISTIC : request.tls();
        int port = request.port() != null ? request.port() : tls == TlsMode.IMPLICIT ? 465 : smtp.port();
        if (port < 1 || port > 65535) {
            problems.add(new FieldProblem("port", "a port is a number from 1 to 65535"));
        } else if (!allowedPorts.isEmpty() && !allowedPorts.contains(port)) {
            problems.add(new FieldProblem(
                    "port", "port " + port + " is not allowed by policy; allowed: " + joined(allowedPorts)));
        }

        var quitAfter = request.quitAfter() == null ? Phase.RCPT : request.quitAfter();
        if (!STOP_POINTS.contains(quitAfter)) {
            problems.add(new FieldProblem("quitAfter", "must be one of " + STOP_POINTS));
        }
        ProbeRequest.Message message = null;
        if (quitAfter == Phase.DATA) {
            message = checkMessage(request.message(), problems);
        }

        var notify = request.dsnNotify().isEmpty() ? EnumSet.noneOf(Notify.class) : EnumSet.copyOf(request.dsnNotify());
        if (notify.contains(Notify.NEVER) && notify.size() > 1) {
            // RFC 3461 §4.1: NEVER must appear alone.
            problems.add(new FieldProblem("notify", "NEVER cannot be combined with other values"));
        }

        var envid = ExtensionChoices.envid(request.envid(), problems);
        var credentials = ExtensionChoices.credentials(request.auth(), tls, problems);

        if (!problems.isEmpty()) {
            throw new InvalidProbeException(problems);
        }
        boolean allMx = request.allMx() == null || request.allMx();
        boolean pipelining = request.pipelining() == null || request.pipelining();
        var probe = new ValidatedProbe(
                domain,
                mailFrom,
                List.copyOf(rcptTo),
                host,
                port,
                ehlo,
                tls,
                notify,
                quitAfter,
                allMx,
                message,
                pipelining,
                request.ret(),
                envid);
        return new Checked(probe, credentials);
    }

    private ProbeRequest.Message checkMessage(ProbeRequest.Message message, List<FieldProblem> problems) {
        if (!limits.dataEnabled()) {
            problems.add(new FieldProblem(
                    "quitAfter", "sending a test message (DATA) is disabled here (mailflow.probe.data-enabled)"));
            return null;
        }
        var subject = message == null || message.subject() == null ? "mailflow test" : message.subject();
        var body =
                message == null || message.body() == null ? "This is a test message sent by mailflow." : message.body();
        if (subject.length() > MAX_SUBJECT) {
            problems.add(new FieldProblem("message.subject", "at most " + MAX_SUBJECT + " characters"));
        }
        if (body.length() > MAX_BODY) {
            problems.add(new FieldProblem("message.body", "at most " + MAX_BODY + " characters"));
        }
        return new ProbeRequest.Message(subject, body);
    }

    private static <T> T parse(String field, String text, List<FieldProblem> problems, Parser<T> parser) {
        try {
            return parser.parse(text == null ? "" : text.strip());
        } catch (InvalidInputException e) {
            problems.add(new FieldProblem(field, e.getMessage()));
            return null;
        }
    }

    /** A host name as DNS is asked for it (A-labels); an IP literal as it is. */
    private static String aLabels(String host) {
        try {
            return DomainName.parse(host.endsWith(".") ? host.substring(0, host.length() - 1) : host)
                    .ascii();
        } catch (InvalidInputException literal) {
            return host;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String joined(List<Integer> ports) {
        return String.join(", ", ports.stream().map(String::valueOf).toList());
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(String text);
    }
}
