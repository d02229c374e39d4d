package dev.mailflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.smtp.EnhancedStatus;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.SessionResult;
import dev.mailflow.smtp.SmtpReply;
import dev.mailflow.smtp.TlsMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Edge cases the golden transcripts do not show: missing facts and hostile server text. */
class DiagnoserTest {

    private static final Diagnoser DIAGNOSER = new Diagnoser(Knowledge.load());

    @Test
    void aRunWithoutDnsAndWithoutSessionsCannotTell() {
        var facts = new RunFacts(
                "example.org",
                "contoso.com",
                "",
                List.of(),
                TlsMode.OPPORTUNISTIC,
                null,
                List.of(),
                Set.of(),
                RunFacts.Egress.UNKNOWN);
        var diagnosis = DIAGNOSER.diagnose(facts);
        assertThat(diagnosis.outcome()).isEqualTo(Diagnosis.Verdict.UNKNOWN);
        assertThat(diagnosis.verdict()).isEqualTo("Cannot tell: no SMTP session ran.");
    }

    @Test
    void aSessionWithoutAResultIsAFailedSessionNotACrash() {
        var session = GoldenCase.session(null);
        var facts = facts(session);
        var diagnosis = DIAGNOSER.diagnose(facts);
        assertThat(diagnosis.outcome()).isEqualTo(Diagnosis.Verdict.DEFERRED);
        assertThat(diagnosis.findings()).extracting(Finding::id).contains("session.error");
    }

    @Test
    void hostileReplyTextIsBoundedInEvidenceAndNeverBecomesATemplate() {
        var text = "550 5.1.1 {host} {entry} " + "x".repeat(100_000);
        var reply = new SmtpReply(
                550, EnhancedStatus.leading("5.1.1 x").orElseThrow(), List.of(text), Duration.ofMillis(5), Set.of());
        var banner = new SmtpReply(220, null, List.of("220 mx ESMTP"), Duration.ofMillis(5), Set.of());
        var ok = new SmtpReply(250, null, List.of("250 ok"), Duration.ofMillis(5), Set.of());
        var result = new SessionResult(
                SessionOutcome.REJECTED,
                Phase.RCPT,
                "rejected",
                List.of(
                        new Exchange(Phase.BANNER, "", banner),
                        new Exchange(Phase.EHLO, "EHLO contoso.com", ok),
                        new Exchange(Phase.MAIL, "MAIL FROM:<a@contoso.com>", ok),
                        new Exchange(Phase.RCPT, "RCPT TO:<b@example.org>", reply)),
                Map.of(),
                null,
                Duration.ofSeconds(1));
        var session = GoldenCase.session(result);
        var facts = facts(session);

        var diagnosis = DIAGNOSER.diagnose(facts);

        assertThat(diagnosis.outcome()).isEqualTo(Diagnosis.Verdict.BOUNCE);
        var top = diagnosis.findings().getFirst();
        assertThat(top.id()).isEqualTo("rcpt.unknown-user");
        assertThat(top.evidence().line()).hasSizeLessThanOrEqualTo(SessionView.MAX_EVIDENCE + 3);
        // Braces in server text stay text: only our own templates are filled.
        assertThat(top.evidence().line()).startsWith("550 5.1.1 {host} {entry}");
        assertThat(diagnosis.verdict()).doesNotContain("xxxx");
    }

    /** A run to example.org with TLS off, no DNS facts, and the one session. */
    private static RunFacts facts(SessionFacts session) {
        return GoldenCase.oneSession(session, Set.of());
    }
}
