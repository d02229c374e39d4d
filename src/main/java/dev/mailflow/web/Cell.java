package dev.mailflow.web;

import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.MailTransaction;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.SessionResult;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One phase of one session in the {@link SessionMatrix}.
 *
 * @param state {@code ok}, {@code warn} (deferred here), {@code fail}, {@code skipped} (passed without a command, e.g. no TLS),
 *     {@code void} (answered after MAIL was refused), {@code none} (not reached) or {@code pending};
 *     also the CSS class
 * @param word what the cell says: a reply code, an outcome, or a state word
 * @param ms the server's reply time in this phase (for EHLO the last one: the EHLO after STARTTLS,
 *     not the two added up); null without one
 * @param note a longer explanation for the cell's tooltip, or null
 */
record Cell(String state, String word, Long ms, String note) {

    private static final String VOID_NOTE = "answered after MAIL was refused: there is no mail transaction, so this"
            + " reply accepts nothing (RFC 2920 §3.1)";

    /** A phase of a running session, from the replies it has had so far. */
    static Cell live(List<Exchange> progress, Phase phase) {
        var here = progress.stream().filter(x -> x.phase() == phase).toList();
        if (!here.isEmpty()) {
            var last = here.getLast().reply();
            var refused = last.codeClass() == 4 || last.codeClass() == 5;
            return new Cell(refused ? "fail" : "ok", String.valueOf(last.code()), ms(here), null);
        }
        var passed = progress.stream().anyMatch(x -> x.phase().compareTo(phase) > 0);
        if (phase == Phase.CONNECT && !progress.isEmpty()) {
            return new Cell("ok", "connected", null, null);
        }
        return passed ? new Cell("skipped", "skipped", null, null) : new Cell("pending", "…", null, null);
    }

    /** A phase of a session that is over. */
    static Cell of(SessionResult result, Phase phase) {
        var all = result.exchanges();
        var here = all.stream().filter(x -> x.phase() == phase).toList();
        Long ms = here.isEmpty() ? null : ms(here);
        var code = here.isEmpty() ? null : String.valueOf(here.getLast().reply().code());
        int order = phase.compareTo(result.phase());
        boolean failedHere = order == 0 && result.outcome() != SessionOutcome.COMPLETED;
        if (failedHere) {
            var word = SessionMatrix.words(result.outcome());
            return new Cell(SessionMatrix.state(result.outcome()), code == null ? word : code + " " + word, ms, null);
        }
        var voided = IntStream.range(0, all.size())
                .anyMatch(i -> all.get(i).phase() == phase && MailTransaction.voidReply(all, i));
        if (voided) {
            return new Cell("void", code + " void", ms, VOID_NOTE);
        }
        if (order > 0) {
            return new Cell("none", "not reached", null, null);
        }
        if (code != null) {
            var tls = phase == Phase.TLS && result.tls() != null && result.tls().protocol() != null;
            return new Cell("ok", tls ? code + " " + result.tls().protocol() : code, ms, null);
        }
        if (phase == Phase.CONNECT) {
            return new Cell("ok", "connected", null, null);
        }
        return new Cell("skipped", "skipped", null, null);
    }

    /**
     * The phase's reply time: every RCPT of the transaction added up, but for EHLO only the last one
     * (the EHLO after STARTTLS is a conversation of its own, not more of the first).
     */
    private static long ms(List<Exchange> exchanges) {
        var counted = exchanges.getLast().phase() == Phase.EHLO ? List.of(exchanges.getLast()) : exchanges;
        return counted.stream()
                .mapToLong(x -> x.reply().took() == null ? 0 : x.reply().took().toMillis())
                .sum();
    }
}
