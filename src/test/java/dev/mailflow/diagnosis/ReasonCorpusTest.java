package dev.mailflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The golden corpus of real reply texts ({@code src/test/resources/reasons/corpus.tsv}): each is
 * explained by the same classifier as live probes, and the reason must be the one a mail admin
 * names. Prints the agreement per reason; fails under 95%. The held-out set ({@code holdout.tsv})
 * was not used to write the phrase tables: its figure measures generalisation.
 */
class ReasonCorpusTest {

    private static final Knowledge KNOWLEDGE = Knowledge.load();

    record Case(Reason expected, String provider, String source, String reply) {}

    record Result(Case sample, ReplyReason actual) {
        boolean agrees() {
            return actual.reason() == sample.expected();
        }
    }

    @Test
    void theCorpusIsLargeAndVaried() {
        var cases = read("corpus.tsv");
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        assertThat(cases.stream().map(Case::provider).distinct().count())
                .as("providers and MTAs")
                .isGreaterThanOrEqualTo(30);
        var covered = cases.stream().map(Case::expected).distinct().toList();
        for (var reason : Reason.values()) {
            if (reason != Reason.UNRECOGNISED) {
                assertThat(covered).as("corpus replies for " + reason).contains(reason);
            }
        }
        cases.forEach(c -> assertThat(c.source()).as(c.reply()).isNotBlank());
    }

    @Test
    void theReasonAgreesWithTheCorpusForAtLeast95Percent() {
        var results = classify(read("corpus.tsv"));
        var agreement = report("corpus", results);
        assertThat(agreement).as("agreement on the golden corpus").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void heldOutRepliesArePrintedAsAMeasureOfGeneralisation() {
        var corpus = read("corpus.tsv").stream().map(Case::reply).toList();
        var holdout = read("holdout.tsv");
        assertThat(holdout).isNotEmpty();
        holdout.forEach(
                c -> assertThat(corpus).as("held out, so not in the corpus").doesNotContain(c.reply()));
        var agreement = report("held-out", classify(holdout));
        // Not a target to tune against; a floor that catches a classifier that stopped reading text.
        assertThat(agreement).isGreaterThanOrEqualTo(0.6);
    }

    private static List<Result> classify(List<Case> cases) {
        return cases.stream()
                .map(c -> {
                    var explained = KNOWLEDGE.explainAll(c.reply());
                    assertThat(explained).as("a reply in: " + c.reply()).hasSize(1);
                    return new Result(c, explained.getFirst().reason());
                })
                .toList();
    }

    private static double report(String name, List<Result> results) {
        var totals = new EnumMap<Reason, int[]>(Reason.class);
        for (var r : results) {
            var counts = totals.computeIfAbsent(r.sample().expected(), k -> new int[2]);
            counts[0]++;
            if (r.agrees()) {
                counts[1]++;
            }
        }
        var agreed = results.stream().filter(Result::agrees).count();
        var share = (double) agreed / results.size();
        System.out.printf(
                "%nReason agreement on the %s set: %d of %d (%.1f%%)%n", name, agreed, results.size(), share * 100);
        for (Map.Entry<Reason, int[]> e : totals.entrySet()) {
            System.out.printf(
                    "  %-22s %3d of %3d  %5.1f%%%n",
                    e.getKey(), e.getValue()[1], e.getValue()[0], 100.0 * e.getValue()[1] / e.getValue()[0]);
        }
        var misses = new TreeSet<String>();
        results.stream()
                .filter(r -> !r.agrees())
                .forEach(r -> misses.add("  expected " + r.sample().expected() + ", got "
                        + r.actual().words() + " (" + r.actual().basis() + "): "
                        + r.sample().provider() + ": " + r.sample().reply()));
        if (!misses.isEmpty()) {
            System.out.println("Disagreements:");
            misses.forEach(System.out::println);
        }
        return share;
    }

    private static List<Case> read(String name) {
        try {
            var cases = new ArrayList<Case>();
            for (var line : Files.readAllLines(Path.of("src/test/resources/reasons", name))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                var fields = line.split("\t", 4);
                assertThat(fields)
                        .as("reason, provider, source, reply: " + line)
                        .hasSize(4);
                cases.add(new Case(Reason.valueOf(fields[0]), fields[1], fields[2], fields[3].replace("\\n", "\n")));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
