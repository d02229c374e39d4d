package dev.mailflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.smtp.Phase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Findings that agree with each other, with the verdict and with the facts, over every golden
 * transcript and on the cases that once contradicted themselves.
 */
class FindingsAgreeTest {

    private static final Diagnoser DIAGNOSER = new Diagnoser(Knowledge.load());

    static List<Path> goldenFiles() throws Exception {
        return GoldenTranscriptTest.goldenFiles().toList();
    }

    private static Diagnosis diagnose(String file) {
        return DIAGNOSER.diagnose(
                GoldenCase.read(Path.of("src/test/resources/golden", file)).runFacts());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void aCriticalFindingAlwaysNamesWhoMustAct(Path file) {
        var diagnosis = DIAGNOSER.diagnose(GoldenCase.read(file).runFacts());
        assertThat(diagnosis.findings())
                .filteredOn(f -> f.severity() == Severity.CRITICAL)
                .allSatisfy(f -> assertThat(f.owner()).as(f.id()).isNotEqualTo(Owner.NOBODY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void eachThingIsSaidOnce(Path file) {
        var titles = DIAGNOSER.diagnose(GoldenCase.read(file).runFacts()).findings().stream()
                .map(Finding::title)
                .toList();
        assertThat(titles).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void aRecipientIsAcceptedOnlyWhereTheServerAcceptedMail(Path file) {
        var facts = GoldenCase.read(file).runFacts();
        var diagnosis = DIAGNOSER.diagnose(facts);
        diagnosis.findings().stream()
                .filter(f -> f.id().equals("rcpt.accepted"))
                .forEach(f -> {
                    var session = facts.sessions().stream()
                            .filter(s -> s.key().equals(f.evidence().session()))
                            .findFirst()
                            .orElseThrow();
                    assertThat(session.result().exchanges())
                            .as(f.title())
                            .anyMatch(e -> e.phase() == Phase.MAIL && e.reply().codeClass() == 2);
                });
    }

    @Test
    void aRcptAnsweredAfterARefusedMailAcceptsNobody() {
        for (var file :
                List.of("65-pipelined-mail-refused-rcpt-250.yaml", "66-pipelined-mail-deferred-rcpt-250.yaml")) {
            var diagnosis = diagnose(file);
            assertThat(diagnosis.findings()).extracting(Finding::id).doesNotContain("rcpt.accepted");
            assertThat(diagnosis.findings()).noneMatch(f -> f.severity() == Severity.OK);
        }
    }

    @Test
    void aServerThatNeverGreetsIsNotCalledUnreachable() {
        var diagnosis = diagnose("11-banner-timeout.yaml");
        var finding = diagnosis.findings().getFirst();

        assertThat(finding.title()).contains("accepted the connection but sent no greeting");
        assertThat(diagnosis.verdict())
                .doesNotContain("accepted a connection")
                .doesNotContain("did not answer")
                .contains("accepted the connection but sent no greeting");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.owner()).isEqualTo(Owner.RECIPIENT_ADMIN);
    }

    @Test
    void findingsTheSameOnBothAddressesOfAHostAreOneFindingNamingBoth() {
        var diagnosis = diagnose("67-dual-stack-same-findings.yaml");

        var untrusted = diagnosis.findings().stream()
                .filter(f -> f.id().equals("tls.untrusted"))
                .toList();
        assertThat(untrusted).hasSize(1);
        assertThat(untrusted.getFirst().title()).contains("192.0.2.25 and 2001:db8::25");
        assertThat(diagnosis.findings().stream().filter(f -> f.id().equals("rcpt.accepted")))
                .hasSize(1);
    }
}
