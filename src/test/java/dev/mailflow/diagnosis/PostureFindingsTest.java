package dev.mailflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Posture findings come from knowledge/posture.yaml and join a run's diagnosis. */
class PostureFindingsTest {

    private static final Diagnoser DIAGNOSER = new Diagnoser(Knowledge.load());

    private static Finding guess() {
        return new Finding(
                Severity.CRITICAL,
                ConnectionRules.PORT25_BLOCKED,
                "our port 25 looks blocked",
                List.of(),
                List.of(),
                Owner.OUR_NETWORK,
                null,
                List.of(),
                null);
    }

    @Test
    void aPostureFindingIsWrittenFromTheKnowledgeWithItsEvidence() {
        var finding = DIAGNOSER.posture(
                "posture.dmarc-spf-refused",
                Map.of("domain", "contoso.test", "address", "192.0.2.7", "result", "fail", "policy", "reject"),
                "192.0.2.7: fail by -all");

        assertThat(finding.title())
                .isEqualTo("SPF gives fail for our address 192.0.2.7 and DMARC of contoso.test says p=reject: the"
                        + " recipient will likely refuse this mail");
        assertThat(finding.owner()).isEqualTo(Owner.SENDER);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.evidence().line()).isEqualTo("192.0.2.7: fail by -all");
    }

    @Test
    void onlyPostureIdsAreAccepted() {
        assertThatIllegalArgumentException().isThrownBy(() -> DIAGNOSER.posture("rcpt.unknown-user", Map.of(), null));
    }

    @Test
    void referenceHostsThatAnswerOverruleTheGuessThatOurPort25IsBlocked() {
        var diagnosis = new Diagnosis(Diagnosis.Verdict.UNKNOWN, "cannot tell", List.of(guess()));
        var silent = DIAGNOSER.posture(
                "posture.port25-recipient-silent", Map.of("domain", "example.test", "targets", "192.0.2.9:25"), null);

        var joined = DIAGNOSER.withPosture(diagnosis, List.of(silent));

        assertThat(joined.findings()).extracting(Finding::id).containsExactly("posture.port25-recipient-silent");
        assertThat(joined.findings().getFirst().owner()).isEqualTo(Owner.RECIPIENT_ADMIN);
    }

    @Test
    void otherwiseTheFindingsAreMergedMostSevereFirst() {
        var diagnosis = new Diagnosis(Diagnosis.Verdict.UNKNOWN, "cannot tell", List.of(guess()));
        var info = DIAGNOSER.posture("posture.dmarc-missing", Map.of("domain", "contoso.test"), null);

        var joined = DIAGNOSER.withPosture(diagnosis, List.of(info));

        assertThat(joined.findings())
                .extracting(Finding::id)
                .containsExactly(ConnectionRules.PORT25_BLOCKED, "posture.dmarc-missing");
        assertThat(joined.verdict()).isEqualTo("cannot tell");
    }
}
