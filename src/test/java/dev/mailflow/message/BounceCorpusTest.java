package dev.mailflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.diagnosis.Knowledge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden corpus of bounce formats ({@code src/test/resources/bounces}, see its README): each
 * file read as its input says, its kind and every recipient's address, action, status and reason
 * as expected. {@link #printsTheAgreement()} prints the figures over the whole corpus.
 */
class BounceCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/bounces");

    private static final MailReader READER = new MailReader();
    private static final BounceExplainer EXPLAINER = new BounceExplainer(Knowledge.load());

    record Case(String file, String family, String input, BounceKind kind, List<Expected> expected, byte[] message) {
        @Override
        public String toString() {
            return file + " (" + family + ")";
        }
    }

    record Expected(String address, String action, String status, String reason) {
        static Expected of(String line) {
            var f = line.split("\\|");
            return new Expected(dash(f[0]), dash(f[1]), dash(f[2]), dash(f[3]));
        }

        private static String dash(String s) {
            var t = s.strip();
            return t.equals("-") ? null : t;
        }
    }

    record Got(String address, String action, String status, String reason) {
        static Got of(BounceRecipient r) {
            return new Got(
                    r.address(),
                    r.action() == null ? null : r.action().name(),
                    r.status(),
                    r.reason() == null ? null : r.reason().name());
        }
    }

    static Stream<Case> corpus() throws IOException {
        try (var files = Files.list(CORPUS)) {
            return files
                    .filter(p -> p.toString().endsWith(".txt"))
                    .sorted()
                    .map(BounceCorpusTest::load)
                    .toList()
                    .stream();
        }
    }

    private static Case load(Path path) {
        try {
            var raw = Files.readAllBytes(path);
            var text = new String(raw, StandardCharsets.UTF_8);
            int split = text.indexOf("# ---\n");
            String family = null;
            String input = null;
            BounceKind kind = null;
            var expected = new ArrayList<Expected>();
            for (var line : text.substring(0, split).split("\n")) {
                if (line.startsWith("# family:")) {
                    family = line.substring(9).strip();
                } else if (line.startsWith("# input:")) {
                    input = line.substring(8).strip();
                } else if (line.startsWith("# kind:")) {
                    kind = BounceKind.valueOf(line.substring(7).strip());
                } else if (line.startsWith("# expect:")) {
                    expected.add(Expected.of(line.substring(9)));
                }
            }
            var header = text.substring(0, split + 6).getBytes(StandardCharsets.UTF_8).length;
            var message = java.util.Arrays.copyOfRange(raw, header, raw.length);
            return new Case(path.getFileName().toString(), family, input, kind, expected, message);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static BounceReport explain(Case c) throws UnreadableMessageException {
        var read = c.input().equals("paste")
                ? READER.readPasted(new String(c.message(), StandardCharsets.UTF_8))
                : READER.readEml(c.message());
        return EXPLAINER.explain(read);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachFormatReadsAsExpected(Case c) throws Exception {
        var report = explain(c);
        assertThat(report.kind()).as("kind").isEqualTo(c.kind());
        assertThat(report.recipients().stream().map(Got::of).toList())
                .as("recipients (family read as %s)", report.family())
                .containsExactlyElementsOf(c.expected().stream()
                        .map(e -> new Got(e.address(), e.action(), e.status(), e.reason()))
                        .toList());
    }

    @Test
    void theCorpusCoversAtLeastFortyFormatFamilies() throws IOException {
        var families = new TreeSet<String>();
        corpus().forEach(c -> families.add(c.family()));
        assertThat(families).hasSizeGreaterThanOrEqualTo(40);
    }

    /** The figures: kinds right, recipients found, statuses found, reasons right. */
    @Test
    void printsTheAgreement() throws Exception {
        int messages = 0;
        int kinds = 0;
        int expectedRecipients = 0;
        int found = 0;
        int statuses = 0;
        int statusesExpected = 0;
        int reasons = 0;
        int failed = 0;
        var families = new TreeSet<String>();
        for (var c : corpus().toList()) {
            messages++;
            families.add(c.family());
            var report = explain(c);
            if (report.kind() == c.kind()) {
                kinds++;
            }
            for (var e : c.expected()) {
                expectedRecipients++;
                var got = report.recipients().stream()
                        .filter(r -> Objects.equals(r.address(), e.address()))
                        .findFirst();
                if (got.isEmpty()) {
                    continue;
                }
                found++;
                if (e.status() != null) {
                    statusesExpected++;
                    if (e.status().equals(got.get().status())) {
                        statuses++;
                    }
                }
                if ("FAILED".equals(e.action())) {
                    failed++;
                    if (got.get().reason() != null
                            && e.reason().equals(got.get().reason().name())) {
                        reasons++;
                    }
                }
            }
        }
        System.out.printf(
                "bounce corpus: %d messages, %d format families; kind right %d/%d; recipients found %d/%d;"
                        + " statuses found %d/%d; reason right for failed recipients %d/%d%n",
                messages,
                families.size(),
                kinds,
                messages,
                found,
                expectedRecipients,
                statuses,
                statusesExpected,
                reasons,
                failed);
        assertThat(kinds).isEqualTo(messages);
    }
}
