package dev.mailflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every golden transcript through the diagnosis and checks verdict and top finding. */
class GoldenTranscriptTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Diagnoser DIAGNOSER = new Diagnoser(Knowledge.load());

    static Stream<Path> goldenFiles() throws IOException {
        try (var files = Files.list(GOLDEN)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void diagnosisMatchesTheGoldenExpectation(Path file) {
        var golden = GoldenCase.read(file);
        var diagnosis = DIAGNOSER.diagnose(golden.runFacts());
        var expect = golden.expect();
        var ids = diagnosis.findings().stream().map(Finding::id).toList();
        var context = file.getFileName() + ": " + diagnosis.verdict() + " " + ids;

        assertThat(diagnosis.outcome().name()).as(context).isEqualTo(expect.verdict());
        assertThat(diagnosis.verdict()).as(context).contains(expect.verdictContains());
        assertThat(diagnosis.findings()).as(context).isNotEmpty();
        assertThat(diagnosis.findings().getFirst().id()).as(context).isEqualTo(expect.topFinding());
        assertThat(ids).as(context).containsAll(expect.findings());
        if (expect.reason() != null) {
            assertThat(diagnosis.findings().getFirst().reason()).as(context).isEqualTo(expect.reason());
            assertThat(diagnosis.reason()).as(context).contains(expect.reason());
        }
        if (expect.causeContains() != null) {
            assertThat(diagnosis.findings().getFirst().causes())
                    .as(context)
                    .anySatisfy(c -> assertThat(c).contains(expect.causeContains()));
        }
        // Every placeholder was filled: a brace left over is a typo in the data or the rule.
        assertThat(diagnosis.verdict()).as(context).doesNotContain("{");
        diagnosis
                .findings()
                .forEach(f -> assertThat(f.title() + f.causes() + f.fixes())
                        .as(context + " " + f.id())
                        .doesNotContain("{"));
    }

    @Test
    void thereAreAtLeastFortyGoldenTranscripts() throws IOException {
        assertThat(goldenFiles().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void diagnosisIsDeterministic() throws IOException {
        goldenFiles()
                .map(GoldenCase::read)
                .forEach(golden -> assertThat(DIAGNOSER.diagnose(golden.runFacts()))
                        .isEqualTo(DIAGNOSER.diagnose(golden.runFacts())));
    }
}
