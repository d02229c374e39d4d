package dev.mailflow.diagnosis;

import dev.mailflow.diagnosis.Diagnosis.Verdict;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.MailTransaction;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What a real sending server would do with the mail, walking the sessions as RFC 5321 §5.1 tells a
 * sender to walk the MX hosts: connection-level failures move on to the next address; the first
 * server that gives a definitive answer decides.
 */
record DeliveryVerdict(Wording wording, ReplyRules replies) {

    /**
     * The verdict's kind, its sentence, the finding that decided it and the words the sentence was
     * made of (for the risk's sentence and the customer's).
     *
     * @param deciding the id of the finding that decides the verdict, null when none does alone
     */
    record Result(Verdict kind, String text, String deciding, Map<String, String> vars) {

        Result {
            vars = Map.copyOf(vars);
        }

        Result(Verdict kind, String text, Map<String, String> vars) {
            this(kind, text, null, vars);
        }
    }

    Result decide(RunFacts run, List<Finding> findings) {
        var vars = new HashMap<String, String>();
        var nullSender = run.mailFrom() == null || run.mailFrom().isEmpty();
        vars.put("from", nullSender ? "" : run.mailFrom());
        // The empty sender (bounces use it) is not named: "<>" means nothing to the reader.
        vars.put("sender", nullSender ? "" : wording.verdict("sender", Map.of("from", run.mailFrom())));
        vars.put("to", run.rcptTo().isEmpty() ? String.valueOf(run.domain()) : String.join(", ", run.rcptTo()));
        vars.put("domain", String.valueOf(run.domain()));
        vars.put("host", "");
        vars.put("skipped", "");
        var dnsEnd = DnsRules.terminal(run.dns());
        if (dnsEnd.isPresent()) {
            var finding =
                    findings.stream().filter(f -> f.id().equals(dnsEnd.get())).findFirst();
            vars.put("title", finding.map(Finding::title).orElse(dnsEnd.get()));
            vars.put("skipped", "");
            var kind = dnsEnd.get().equals("dns.lookup-failed") ? Verdict.DEFERRED : Verdict.BOUNCE;
            return new Result(
                    kind, wording.verdict(kind == Verdict.BOUNCE ? "bounce" : "deferred", vars), dnsEnd.get(), vars);
        }
        var result = walk(run, vars);
        var tie = DnsRules.ties(run.dns(), wording);
        if (tie.isPresent() && result.kind() != Verdict.UNKNOWN) {
            return new Result(
                    result.kind(),
                    result.text() + wording.verdict("ties", tie.get()),
                    result.deciding(),
                    result.vars());
        }
        return result;
    }

    private Result walk(RunFacts run, Map<String, String> vars) {
        var sessions = SessionView.of(run);
        var skipped = new LinkedHashSet<String>();
        Optional<Finding> artifact = Optional.empty();
        for (var session : sessions) {
            vars.put("host", session.host());
            var decisive = decisive(session);
            if (decisive.isPresent()) {
                var explained = replies.explain(run, session, decisive.get());
                if (explained.isPresent()) {
                    vars.put("skipped", skippedText(skipped));
                    vars.put("title", explained.get().finding().title());
                    var id = explained.get().finding().id();
                    if (explained.get().artifact()) {
                        return new Result(Verdict.UNKNOWN, wording.verdict("unknown", vars), id, vars);
                    }
                    var permanent = decisive.get().reply().isPermanent();
                    return permanent
                            ? new Result(Verdict.BOUNCE, wording.verdict("bounce", vars), id, vars)
                            : new Result(Verdict.DEFERRED, wording.verdict("deferred", vars), id, vars);
                }
            }
            if (session.greeted()) {
                var accepted = accepted(run, session, vars, skipped);
                if (accepted.isPresent()) {
                    return accepted.get();
                }
            }
            var banner = session.banner()
                    .filter(b -> b.reply().isTransient() || b.reply().isPermanent());
            if (banner.isPresent()) {
                var explained = replies.explain(run, session, banner.get());
                if (explained.isPresent() && explained.get().artifact() && artifact.isEmpty()) {
                    artifact = Optional.of(explained.get().finding());
                }
                var skipVars = Map.of(
                        "host",
                        session.host(),
                        "code",
                        String.valueOf(banner.get().reply().code()));
                skipped.add(wording.skip("BANNER", skipVars));
            } else {
                skipped.add(wording.skip(skipKey(session), Map.of("host", session.host())));
            }
        }
        return nobodyAnswered(sessions, vars, skipped, artifact);
    }

    /** A positive conversation: delivered, accepted by DATA, or only tested up to an earlier step. */
    private Optional<Result> accepted(
            RunFacts run, SessionView session, Map<String, String> vars, LinkedHashSet<String> skipped) {
        vars.put("skipped", skippedText(skipped));
        var data = session.exchanges().stream()
                .filter(e -> e.phase() == Phase.DATA
                        && e.reply() != null
                        && e.reply().code() == 250)
                .findFirst();
        if (data.isPresent()) {
            vars.put(
                    "queue",
                    ReplyRules.queueId(data.get().reply().text())
                            .map(id -> wording.verdict("queue", Map.of("queue", id)))
                            .orElse(""));
            vars.put("data", "accepted");
            return Optional.of(new Result(Verdict.DELIVERABLE, wording.verdict("accepted", vars), vars));
        }
        var exchanges = session.exchanges();
        var rcptAccepted =
                IntStream.range(0, exchanges.size()).anyMatch(i -> MailTransaction.acceptedRecipient(exchanges, i));
        if (rcptAccepted && !run.rcptTo().isEmpty()) {
            return Optional.of(new Result(Verdict.DELIVERABLE, wording.verdict("deliverable", vars), vars));
        }
        if (session.outcome() == SessionOutcome.COMPLETED) {
            // Stopped on purpose before RCPT: the server talks, but nothing was asked about mail.
            vars.put("phase", session.phase().name());
            return Optional.of(new Result(Verdict.UNKNOWN, wording.verdict("tested", vars), vars));
        }
        return Optional.empty();
    }

    private Result nobodyAnswered(
            List<SessionView> sessions,
            Map<String, String> vars,
            LinkedHashSet<String> skipped,
            Optional<Finding> artifact) {
        if (sessions.isEmpty()) {
            return new Result(Verdict.UNKNOWN, wording.verdict("nothing", vars), vars);
        }
        if (sessions.stream().allMatch(ConnectionRules::timedOutOnConnect)) {
            return new Result(Verdict.UNKNOWN, wording.verdict("port25", vars), ConnectionRules.PORT25_BLOCKED, vars);
        }
        if (sessions.stream().allMatch(s -> s.outcome() == SessionOutcome.POLICY_REFUSED)) {
            return new Result(Verdict.UNKNOWN, wording.verdict("policy", vars), vars);
        }
        if (artifact.isPresent()) {
            vars.put("title", artifact.get().title());
            vars.put("skipped", "");
            return new Result(
                    Verdict.UNKNOWN,
                    wording.verdict("unknown", vars),
                    artifact.get().id(),
                    vars);
        }
        vars.put("list", String.join("; ", skipped));
        return new Result(Verdict.DEFERRED, wording.verdict("unreached", vars), vars);
    }

    /**
     * The first refusal that settles the mail: a 4xx/5xx to MAIL, RCPT or DATA, or to EHLO when no
     * later EHLO/HELO in the session succeeded (a sender falls back to HELO, RFC 5321 §4.1.4).
     */
    private static Optional<Exchange> decisive(SessionView session) {
        var exchanges = session.exchanges();
        return IntStream.range(0, exchanges.size())
                .filter(i -> !MailTransaction.voidReply(exchanges, i))
                .mapToObj(exchanges::get)
                .filter(e -> e.reply() != null
                        && !e.reply().isPositive()
                        && e.reply().code() != 0)
                .filter(e -> switch (e.phase()) {
                    case MAIL, RCPT, DATA -> true;
                    case EHLO -> !session.recoveredAfter(e);
                    default -> false;
                })
                .findFirst();
    }

    /** A silent greeting is not a silent connection: the server did accept it. */
    private static String skipKey(SessionView session) {
        return session.outcome() == SessionOutcome.TIMED_OUT && session.phase() == Phase.BANNER
                ? "TIMED_OUT_BANNER"
                : session.outcome().name();
    }

    private String skippedText(LinkedHashSet<String> skipped) {
        return skipped.isEmpty()
                ? ""
                : wording.verdict("skipped", Map.of("list", String.join("; ", new ArrayList<>(skipped))));
    }
}
