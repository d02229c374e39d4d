package dev.mailflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The words for the customer are plain: no reply codes, no {@code <>}, no protocol words, for every
 * golden run and every text in the knowledge file; and there are words for every reason and outcome.
 */
class CustomerWordsTest {

    private static final Knowledge KNOWLEDGE = Knowledge.load();
    private static final Diagnoser DIAGNOSER = new Diagnoser(KNOWLEDGE);

    /** Basic and enhanced reply codes, the null sender, and the words of the SMTP dialogue. */
    static final Pattern JARGON = Pattern.compile(
            "\\b[245]\\d\\d\\b|\\b[245]\\.\\d{1,3}\\.\\d{1,3}\\b|<>|\\bEHLO\\b|\\bHELO\\b|\\bRCPT\\b|MAIL FROM|\\bSMTP\\b"
                    + "|\\bDATA\\b|\\bMX\\b|\\bSPF\\b|\\bDMARC\\b|\\bDKIM\\b|\\bTLS\\b|\\bDNS\\b",
            0);

    static void assertPlain(String text) {
        assertThat(text).isNotBlank();
        assertThat(JARGON.matcher(text).find()).as("jargon in: %s", text).isFalse();
        assertThat(text).as("a placeholder left in: %s", text).doesNotContain("{");
    }

    static Stream<GoldenCase> golden() throws IOException {
        try (var files = Files.list(Path.of("src/test/resources/golden"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream()
                    .map(GoldenCase::read);
        }
    }

    @Test
    void everyGoldenRunHasPlainWordsForTheCustomerAndTheUser() throws IOException {
        var outcomes = EnumSet.noneOf(Diagnosis.Verdict.class);
        golden().forEach(g -> {
            var diagnosis = DIAGNOSER.diagnose(g.runFacts());
            outcomes.add(diagnosis.outcome());
            assertPlain(diagnosis.customerMessage());
            assertPlain(diagnosis.userAdvice());
        });
        assertThat(outcomes).containsExactlyInAnyOrder(Diagnosis.Verdict.values());
    }

    @Test
    void everyTextInTheKnowledgeFileIsPlain() {
        for (var text : KNOWLEDGE.wording().customer().values()) {
            var vars = Map.of(
                    "to",
                    "kate@example.org",
                    "domain",
                    "example.org",
                    "sender",
                    "contoso.com",
                    "from",
                    "helpdesk@contoso.com");
            assertPlain(Wording.fill(text.message(), vars));
            assertPlain(Wording.fill(text.user(), vars));
        }
        assertPlain(KNOWLEDGE.unfinishedWords("kate@example.org", "example.org").message());
    }

    @Test
    void everyReasonRiskAndOutcomeHasWords() {
        var keys = KNOWLEDGE.wording().customer().keySet();
        assertThat(keys).containsAll(CustomerWords.fallbacks());
        var reasons = EnumSet.allOf(Reason.class);
        reasons.remove(Reason.UNRECOGNISED);
        assertThat(keys).containsAll(reasons.stream().map(Reason::name).toList());
        // Every other key names a finding.
        keys.stream()
                .filter(k -> k.contains("."))
                .forEach(id -> assertThat(KNOWLEDGE.wording().has(id)).as(id).isTrue());
    }

    @Test
    void theUnknownRecipientIsToldInTheIssuesWords() {
        var facts = GoldenCase.read(Path.of("src/test/resources/golden/07-seed-rcpt-unknown-user.yaml"))
                .runFacts();

        assertThat(DIAGNOSER.diagnose(facts).customerMessage())
                .isEqualTo("The address chris@fabrikam.com does not exist at fabrikam.com. Please check the spelling or"
                        + " ask the recipient for the right address.");
        assertThat(List.of(DIAGNOSER.diagnose(facts).userAdvice())).allMatch(a -> a.startsWith("Check the spelling"));
    }
}
