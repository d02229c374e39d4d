package dev.mailflow.diagnosis;

import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.MailTransaction;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.TlsMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Findings from the replies themselves. Knowledge-driven: the reply is explained by the knowledge
 * base and the first explaining entry that a finding lists picks the finding; its causes and fixes
 * come from the data files.
 */
final class ReplyRules {

    private static final Pattern ADDRESS = Pattern.compile("<([^<>\\s]{0,254})>");

    // Queue ids as Postfix ("queued as 4Bx1"), Exchange ("InternalId=123") and others ("id=1r2")
    // write them.
    private static final List<Pattern> QUEUE_ID = List.of(
            Pattern.compile("(?i)queued as ([A-Za-z0-9._-]{1,64})"),
            Pattern.compile("(?i)InternalId=([A-Za-z0-9._-]{1,64})"),
            Pattern.compile("(?i)\\bid=([A-Za-z0-9._-]{1,64})"));

    private final Knowledge knowledge;
    private final Wording wording;
    private final ReplyWording replyWording;

    ReplyRules(Knowledge knowledge) {
        this.knowledge = knowledge;
        this.wording = knowledge.wording();
        this.replyWording = knowledge.replyWording();
    }

    /** A reply finding and whether it comes from how the test ran rather than from the recipient. */
    record Explained(Finding finding, boolean artifact) {}

    List<Finding> findings(RunFacts run) {
        var findings = new ArrayList<Finding>();
        for (var session : SessionView.of(run)) {
            var flawed = false;
            var exchanges = session.exchanges();
            for (int i = 0; i < exchanges.size(); i++) {
                var exchange = exchanges.get(i);
                var reply = exchange.reply();
                // Answered after MAIL was refused: says nothing about the recipient (RFC 2920 §3.1).
                if (reply == null || MailTransaction.voidReply(exchanges, i)) {
                    continue;
                }
                if (!flawed && !reply.flaws().isEmpty()) {
                    flawed = true;
                    var vars = new HashMap<>(session.vars());
                    vars.put(
                            "flaws",
                            String.join(
                                    ", ",
                                    new TreeSet<>(reply.flaws().stream()
                                            .map(Enum::name)
                                            .toList())));
                    findings.add(wording.finding("reply.malformed", null, session.evidence(exchange), vars));
                }
                explain(run, session, exchange).ifPresent(e -> findings.add(e.finding()));
                positive(session, exchanges, i).ifPresent(findings::add);
            }
        }
        return findings;
    }

    /** The finding a 4xx or 5xx reply becomes, if the reply is one. */
    Optional<Explained> explain(RunFacts run, SessionView session, Exchange exchange) {
        var reply = exchange.reply();
        if (reply == null || (reply.codeClass() != 4 && reply.codeClass() != 5)) {
            return Optional.empty();
        }
        var explanation = knowledge.explain(reply, exchange.phase());
        return replyWording
                .forReply(exchange.phase(), explanation.entries(), explanation.reason())
                .map(pick -> {
                    var severity = pick.text().severity();
                    // A 4xx is a delay, never by itself a lost mail.
                    if (reply.isTransient() && severity == Severity.CRITICAL) {
                        severity = Severity.WARNING;
                    }
                    if (session.recoveredAfter(exchange)) {
                        severity = Severity.INFO;
                    }
                    var vars = new HashMap<>(session.vars());
                    vars.put("phase", exchange.phase().name());
                    vars.put("ehlo", SessionView.bounded(run.ehlo()));
                    vars.put("codes", CodeWords.of(knowledge, explanation));
                    var finding = replyWording.finding(pick, severity, session.evidence(exchange), vars);
                    return new Explained(finding, pick.text().artifact() || starttlsSkipped(run, session, pick));
                });
    }

    /**
     * A server that demands STARTTLS while this test ran with TLS off says nothing about real
     * senders: they start TLS when it is offered (RFC 3207 §4).
     */
    private static boolean starttlsSkipped(RunFacts run, SessionView session, ReplyWording.Pick pick) {
        return pick.text().id().equals("tls.starttls-required")
                && run.tls() == TlsMode.NONE
                && session.extensions().containsKey("STARTTLS");
    }

    private Optional<Finding> positive(SessionView session, List<Exchange> exchanges, int index) {
        var exchange = exchanges.get(index);
        var reply = exchange.reply();
        if (reply.codeClass() != 2) {
            return Optional.empty();
        }
        var vars = new HashMap<>(session.vars());
        if (MailTransaction.acceptedRecipient(exchanges, index)) {
            vars.put("rcpt", address(exchange.command()));
            return Optional.of(wording.finding("rcpt.accepted", null, session.evidence(exchange), vars));
        }
        if (exchange.phase() == Phase.DATA && reply.code() == 250) {
            vars.put(
                    "queue",
                    queueId(reply.text())
                            .map(id -> wording.verdict("queue", Map.of("queue", id)))
                            .orElse(""));
            return Optional.of(wording.finding("data.accepted", null, session.evidence(exchange), vars));
        }
        return Optional.empty();
    }

    static Optional<String> queueId(String text) {
        var bounded = ReplyLine.bounded(text);
        return QUEUE_ID.stream()
                .map(p -> p.matcher(bounded))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst();
    }

    private static String address(String command) {
        var m = ADDRESS.matcher(command == null ? "" : SessionView.bounded(command));
        return m.find() ? m.group(1) : "the recipient";
    }
}
