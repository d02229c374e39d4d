package dev.mailflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.smtp.SessionFacts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An accepted envelope is not a delivered message: the verdict carries the risks the posture found,
 * and the finding that decides the verdict comes first.
 */
class RiskTest {

    private static final Diagnoser DIAGNOSER = new Diagnoser(Knowledge.load());

    private static RunFacts golden(String file) {
        return GoldenCase.read(Path.of("src/test/resources/golden", file)).runFacts();
    }

    private static Finding dmarcRefuses() {
        return DIAGNOSER.posture(
                "posture.dmarc-spf-refused",
                Map.of("domain", "spffail.test", "address", "192.0.2.7", "result", "fail", "policy", "reject"),
                "192.0.2.7: fail by -all");
    }

    @Test
    void spfFailWithDmarcRejectMakesAnAcceptedRecipientLikelyRefused() {
        var diagnosis = DIAGNOSER.diagnose(golden("01-postfix-rcpt-accepted.yaml"), List.of(dmarcRefuses()));

        assertThat(diagnosis.outcome()).isEqualTo(Diagnosis.Verdict.DELIVERABLE);
        assertThat(diagnosis.risk()).isEqualTo(Risk.LIKELY_REFUSED);
        assertThat(diagnosis.risks()).containsExactly("posture.dmarc-spf-refused");
        assertThat(diagnosis.verdict()).startsWith("Accepted now — likely refused: SPF gives fail");
        assertThat(diagnosis.findings().getFirst().id()).isEqualTo("posture.dmarc-spf-refused");
        assertThat(diagnosis.customerMessage()).contains("will most likely refuse");
    }

    @Test
    void aMessageAlreadyAcceptedIsAtRiskOnly() {
        var diagnosis = DIAGNOSER.diagnose(golden("02-postfix-data-queued.yaml"), List.of(dmarcRefuses()));

        assertThat(diagnosis.risk()).isEqualTo(Risk.AT_RISK);
        assertThat(diagnosis.verdict()).startsWith("Accepted now — at risk:");
    }

    @Test
    void withoutARiskyFindingTheVerdictStartsWithTheAnswer() {
        var diagnosis = DIAGNOSER.diagnose(golden("01-postfix-rcpt-accepted.yaml"), List.of());

        assertThat(diagnosis.risk()).isEqualTo(Risk.NONE);
        assertThat(diagnosis.risks()).isEmpty();
        assertThat(diagnosis.verdict())
                .isEqualTo("Would be delivered: mx.example.org accepts mail to kate@example.org from"
                        + " helpdesk@contoso.com.");
    }

    @Test
    void aRefusalIsNoRiskButTheVerdictItself() {
        var diagnosis = DIAGNOSER.diagnose(golden("07-seed-rcpt-unknown-user.yaml"), List.of(dmarcRefuses()));

        assertThat(diagnosis.outcome()).isEqualTo(Diagnosis.Verdict.BOUNCE);
        assertThat(diagnosis.risk()).isEqualTo(Risk.NONE);
        assertThat(diagnosis.findings().getFirst().id()).isEqualTo("rcpt.unknown-user");
    }

    @Test
    void gmailAcceptingTheRecipientOfAnUnauthenticatedSenderWillRefuseTheMessage() {
        var facts = golden("01-postfix-rcpt-accepted.yaml");
        var session = facts.sessions().getFirst();
        var gmail = new SessionFacts(
                "gmail-smtp-in.l.google.com/192.0.2.25:25",
                "gmail-smtp-in.l.google.com",
                session.address(),
                25,
                5,
                session.result());
        var atGmail = new RunFacts(
                "gmail.test",
                facts.ehlo(),
                "kate@spffail.test",
                List.of("kate@gmail.test"),
                facts.tls(),
                facts.dns(),
                List.of(gmail),
                Set.of(),
                RunFacts.Egress.UNKNOWN);
        var softfail = DIAGNOSER.posture(
                "posture.spf-not-authorized",
                Map.of("domain", "spffail.test", "address", "192.0.2.7", "result", "softfail", "mechanism", "~all"),
                null);

        var diagnosis = DIAGNOSER.diagnose(atGmail, List.of(softfail));

        assertThat(diagnosis.risk()).isEqualTo(Risk.LIKELY_REFUSED);
        assertThat(diagnosis.findings().getFirst().id()).isEqualTo(RiskRules.END_OF_DATA);
        assertThat(diagnosis.findings().getFirst().title()).startsWith("Gmail (gmail-smtp-in.l.google.com)");
    }

    @Test
    void aGreylistedRunLeadsWithTheGreylistingEvenUnderGraverPostureFindings() {
        var unfetchable = DIAGNOSER.posture(
                "posture.mta-sts-unfetchable", Map.of("domain", "example.org", "detail", "timed out"), null);

        var diagnosis = DIAGNOSER.diagnose(golden("13-greylisting-451-4.7.1.yaml"), List.of(unfetchable));

        assertThat(diagnosis.findings().getFirst().id()).isEqualTo("rcpt.greylisted");
        assertThat(diagnosis.findings()).extracting(Finding::id).contains("posture.mta-sts-unfetchable");
        assertThat(diagnosis.customerMessage()).contains("try again a few minutes later");
    }

    @Test
    void theNullSenderIsNotSpelledOut() {
        var facts = golden("01-postfix-rcpt-accepted.yaml");
        var nullSender = new RunFacts(
                facts.domain(),
                facts.ehlo(),
                "",
                facts.rcptTo(),
                facts.tls(),
                facts.dns(),
                facts.sessions(),
                Set.of(),
                RunFacts.Egress.UNKNOWN);

        assertThat(DIAGNOSER.diagnose(nullSender).verdict())
                .isEqualTo("Would be delivered: mx.example.org accepts mail to kate@example.org.")
                .doesNotContain("<>");
    }

    @Test
    void whoActsIsAPerson() {
        var unknownUser = DIAGNOSER
                .diagnose(golden("07-seed-rcpt-unknown-user.yaml"))
                .findings()
                .getFirst();
        assertThat(Actor.of(unknownUser)).isEqualTo(Actor.USER);
        assertThat(Actor.of(dmarcRefuses())).isEqualTo(Actor.OUR_DNS_ADMIN);
        var relay =
                DIAGNOSER.diagnose(golden("16-relay-denied.yaml")).findings().getFirst();
        assertThat(Actor.of(relay)).isEqualTo(Actor.RECIPIENT_ADMIN);
    }

    @Test
    void aRefusalOfMailflowsOwnAddressSaysItIsNotTheUsersServer() {
        var facts = golden("36-microsoft365-banned-ip.yaml");
        var fromMailflow = withEgress(facts, new RunFacts.Egress(List.of("203.0.113.5"), List.of("198.51.100.25")));

        var diagnosis = DIAGNOSER.diagnose(fromMailflow);

        assertThat(diagnosis.outcome()).isEqualTo(Diagnosis.Verdict.UNKNOWN);
        assertThat(diagnosis.findings().get(1).id()).isEqualTo(OurAddressRules.MAILFLOW_REFUSED);
        assertThat(diagnosis.findings().get(1).title()).startsWith("the refused address 203.0.113.5 is mailflow's own");
        assertThat(diagnosis.findings().get(1).fixes().getFirst()).contains("vantage that sends from your mail server");
        assertThat(diagnosis.customerMessage()).contains("our test tool's own address");
    }

    @Test
    void aRefusalOfAnAddressNamedAsOurMailServerSaysItsMailIsRefusedToo() {
        var facts = golden("36-microsoft365-banned-ip.yaml");
        var fromOurServer = withEgress(facts, new RunFacts.Egress(List.of("203.0.113.5"), List.of("203.0.113.5")));

        var diagnosis = DIAGNOSER.diagnose(fromOurServer);

        assertThat(diagnosis.findings().get(1).id()).isEqualTo(OurAddressRules.OUR_SERVER_REFUSED);
        assertThat(diagnosis.findings().get(1).title()).contains("its mail is refused the same way");
    }

    private static RunFacts withEgress(RunFacts facts, RunFacts.Egress egress) {
        return new RunFacts(
                facts.domain(),
                facts.ehlo(),
                facts.mailFrom(),
                facts.rcptTo(),
                facts.tls(),
                facts.dns(),
                facts.sessions(),
                facts.dsnNotify(),
                egress);
    }
}
