package dev.mailflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Notify;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.SessionResult;
import dev.mailflow.smtp.SmtpReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** DSN asked for and not advertised: when it is a finding and when it is not. */
class DsnRulesTest {

    private static final Diagnoser DIAGNOSER = new Diagnoser(Knowledge.load());

    @Test
    void notifyAskedOfAServerWithoutDsnIsAFinding() {
        var diagnosis = DIAGNOSER.diagnose(facts(List.of("FAILURE", "SUCCESS"), Map.of("PIPELINING", ""), Phase.RCPT));

        var dsn = diagnosis.findings().stream()
                .filter(f -> f.id().equals("rcpt.dsn-not-offered"))
                .findFirst()
                .orElseThrow();
        assertThat(dsn.severity()).isEqualTo(Severity.INFO);
        assertThat(dsn.owner()).isEqualTo(Owner.RECIPIENT_ADMIN);
        assertThat(dsn.title())
                .isEqualTo("mx.example.org does not offer DSN; NOTIFY was left off, so no delivery report will come");
        assertThat(dsn.fixes()).anyMatch(f -> f.contains("NOTIFY=FAILURE,SUCCESS"));
        assertThat(dsn.evidence().line()).isEqualTo("RCPT TO:<b@example.org>");
        assertThat(diagnosis.outcome()).isEqualTo(Diagnosis.Verdict.DELIVERABLE);
    }

    @Test
    void noFindingWhenDsnIsAdvertisedNotAskedForNeverOrRcptNotReached() {
        assertThat(ids(facts(List.of("FAILURE"), Map.of("DSN", ""), Phase.RCPT)))
                .doesNotContain("rcpt.dsn-not-offered");
        assertThat(ids(facts(List.of(), Map.of(), Phase.RCPT))).doesNotContain("rcpt.dsn-not-offered");
        assertThat(ids(facts(List.of("NEVER"), Map.of(), Phase.RCPT))).doesNotContain("rcpt.dsn-not-offered");
        assertThat(ids(facts(List.of("FAILURE"), Map.of(), Phase.MAIL))).doesNotContain("rcpt.dsn-not-offered");
    }

    private static List<String> ids(RunFacts facts) {
        return DIAGNOSER.diagnose(facts).findings().stream().map(Finding::id).toList();
    }

    private static RunFacts facts(List<String> notify, Map<String, String> extensions, Phase until) {
        var ok = new SmtpReply(250, null, List.of("250 ok"), Duration.ofMillis(5), Set.of());
        var exchanges = new java.util.ArrayList<>(List.of(
                new Exchange(
                        Phase.BANNER, "", new SmtpReply(220, null, List.of("220 mx ESMTP"), Duration.ZERO, Set.of())),
                new Exchange(Phase.EHLO, "EHLO contoso.com", ok),
                new Exchange(Phase.MAIL, "MAIL FROM:<a@contoso.com>", ok)));
        if (until == Phase.RCPT) {
            exchanges.add(new Exchange(Phase.RCPT, "RCPT TO:<b@example.org>", ok));
        }
        var result = new SessionResult(
                SessionOutcome.COMPLETED, until, "stopped", exchanges, extensions, null, Duration.ofSeconds(1));
        var session = GoldenCase.session(result);
        return GoldenCase.oneSession(
                session, notify.stream().map(Notify::valueOf).collect(Collectors.toSet()));
    }
}
