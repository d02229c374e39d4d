package dev.mailflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
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
        var silent = DIAGNOSER.posture(
                "posture.port25-recipient-silent", Map.of("domain", "example.org", "targets", "192.0.2.9:25"), null);

        var joined = DIAGNOSER.diagnose(everyMxTimesOut(), List.of(silent));

        assertThat(joined.findings()).extracting(Finding::id).doesNotContain(ConnectionRules.PORT25_BLOCKED);
        assertThat(joined.findings()).extracting(Finding::id).contains("posture.port25-recipient-silent");
    }

    @Test
    void otherwiseTheFindingsAreMergedMostSevereFirst() {
        var info = DIAGNOSER.posture("posture.dmarc-missing", Map.of("domain", "contoso.test"), null);

        var joined = DIAGNOSER.diagnose(everyMxTimesOut(), List.of(info));

        assertThat(joined.findings())
                .extracting(Finding::id)
                .startsWith(ConnectionRules.PORT25_BLOCKED)
                .endsWith("posture.dmarc-missing");
        assertThat(joined.verdict()).startsWith("Cannot tell: our outbound port 25 looks blocked");
    }

    private static RunFacts everyMxTimesOut() {
        return GoldenCase.read(Path.of("src/test/resources/golden/08-every-mx-times-out.yaml"))
                .runFacts();
    }
}
