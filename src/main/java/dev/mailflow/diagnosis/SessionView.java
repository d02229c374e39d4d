package dev.mailflow.diagnosis;

import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.SmtpReply;
import dev.mailflow.text.UntrustedText;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The questions the rules ask of one session; null-safe over what the probe could not fill in. */
record SessionView(SessionFacts facts) {

    /** Evidence lines are server text: shown, never trusted, and kept short. */
    static final int MAX_EVIDENCE = 300;

    static List<SessionView> of(RunFacts run) {
        return run.sessions().stream().map(SessionView::new).toList();
    }

    String host() {
        return facts.host() == null ? facts.addressText() : facts.host();
    }

    SessionOutcome outcome() {
        return facts.result() == null ? SessionOutcome.ERROR : facts.result().outcome();
    }

    Phase phase() {
        return facts.result() == null ? Phase.CONNECT : facts.result().phase();
    }

    String detail() {
        var detail = facts.result() == null ? null : facts.result().detail();
        return detail == null || detail.isBlank() ? outcome().name().toLowerCase() : bounded(detail);
    }

    List<Exchange> exchanges() {
        return facts.result() == null ? List.of() : facts.result().exchanges();
    }

    Map<String, String> extensions() {
        return facts.result() == null ? Map.of() : facts.result().extensions();
    }

    Optional<Exchange> banner() {
        return exchanges().stream()
                .filter(e -> e.phase() == Phase.BANNER && e.reply() != null)
                .findFirst();
    }

    /** Whether the server greeted with 220, i.e. a real SMTP conversation began. */
    boolean greeted() {
        return banner().map(e -> e.reply().codeClass() == 2).orElse(false);
    }

    /** Failed before any SMTP was spoken, so a sender simply tries the next address. */
    boolean failedToConnect() {
        return facts.result() != null && facts.result().senderTriesNextAddress() && phase() == Phase.CONNECT;
    }

    /**
     * Whether a refused EHLO was followed by a successful EHLO or HELO in the same session: a
     * client falls back to HELO when EHLO is refused (RFC 5321 §4.1.4), so the refusal did not
     * matter.
     */
    boolean recoveredAfter(Exchange exchange) {
        var all = exchanges();
        var at = all.indexOf(exchange);
        return exchange.phase() == Phase.EHLO
                && at >= 0
                && all.subList(at + 1, all.size()).stream()
                        .anyMatch(later -> later.phase() == Phase.EHLO
                                && later.reply() != null
                                && later.reply().isPositive());
    }

    Evidence evidence(Exchange exchange) {
        return new Evidence(facts.key(), exchange.phase(), line(exchange.reply()));
    }

    Evidence evidence(Phase phase, String line) {
        return new Evidence(facts.key(), phase, bounded(line));
    }

    Evidence outcomeEvidence() {
        return evidence(phase(), detail());
    }

    Map<String, String> vars() {
        return Map.of(
                "host", host(),
                "address", facts.addressText(),
                "port", String.valueOf(facts.port()),
                "phase", phase().name(),
                "detail", detail());
    }

    static String line(SmtpReply reply) {
        return reply == null || reply.lines().isEmpty()
                ? ""
                : bounded(reply.lines().get(0));
    }

    /** Server text as evidence: through the one sanitizer, at the evidence bound. */
    static String bounded(String text) {
        return UntrustedText.shown(text, MAX_EVIDENCE);
    }
}
