package dev.mailflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.smtp.SessionOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when the knowledge files drift: missing codes, incomplete entries, texts naming
 * codes the base does not know, finding ids the rules use but the data lacks (after
 * spring-petclinic's I18nPropertiesSyncTest).
 */
class KnowledgeConsistencyTest {

    private static final Knowledge KNOWLEDGE = Knowledge.load();

    /** RFC 5321 §4.2.2/§4.2.3, RFC 4954 §6 and RFC 7504 §3. */
    static final Set<String> BASIC_CODES = Set.of(
            "211", "214", "220", "221", "250", "251", "252", "354", "421", "450", "451", "452", "455", "500", "501",
            "502", "503", "504", "550", "551", "552", "553", "554", "555", // RFC 5321
            "235", "334", "432", "454", "530", "534", "535", "538", // RFC 4954
            "521", "556"); // RFC 7504

    /** RFC 3463 and the IANA "SMTP Enhanced Status Codes" registry: subject -> highest detail. */
    static final Set<String> ENHANCED_CODES = enhanced(0, 0, 1, 10, 2, 4, 3, 6, 4, 7, 5, 6, 6, 10, 7, 30);

    static final Set<String> FALLBACKS =
            Set.of("2xx", "3xx", "4xx", "5xx", "X.0.*", "X.1.*", "X.2.*", "X.3.*", "X.4.*", "X.5.*", "X.6.*", "X.7.*");

    private static final Pattern BASIC_MENTION = Pattern.compile("(?<![\\w.§/-])[2-5]\\d\\d(?![\\w.]?\\d)");
    private static final Pattern ENHANCED_MENTION =
            Pattern.compile("(?<![\\w.])[245]\\.\\d{1,3}\\.\\d{1,3}(?!\\.?\\d)");

    @Test
    void everyRegisteredCodeAndFallbackIsPresent() {
        var keys = KNOWLEDGE.entries().stream().map(CodeEntry::key).toList();
        assertThat(keys).containsAll(BASIC_CODES).containsAll(ENHANCED_CODES).containsAll(FALLBACKS);
    }

    @Test
    void noDuplicateKeys() {
        var keys = KNOWLEDGE.entries().stream().map(CodeEntry::key).toList();
        assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
    }

    @Test
    void everyEntryIsComplete() {
        for (var e : KNOWLEDGE.entries()) {
            assertThat(e.kind()).as(e.key()).isNotNull();
            assertThat(e.title()).as(e.key()).isNotBlank();
            assertThat(e.meaning()).as(e.key()).isNotBlank();
            assertThat(e.causes()).as(e.key()).isNotEmpty();
            assertThat(e.fixes()).as(e.key()).isNotEmpty();
            assertThat(e.owner()).as(e.key()).isNotNull();
            assertThat(e.nature()).as(e.key()).isNotNull();
            assertThat(e.refs()).as(e.key()).isNotEmpty();
            if (e.kind() == CodeEntry.Kind.VENDOR) {
                assertThat(e.key()).as("vendor keys are vendor:id").contains(":");
                assertThat(e.vendor()).as(e.key()).isNotBlank();
                assertThat(e.match()).as(e.key()).isNotBlank();
            } else {
                assertThat(e.match())
                        .as(e.key() + " only vendor entries match text")
                        .isNull();
            }
            sentences(e.key(), e.causes());
            sentences(e.key(), e.fixes());
        }
    }

    @Test
    void everyDigitIsExplained() {
        IntStream.rangeClosed(2, 5)
                .forEach(d -> assertThat(KNOWLEDGE.firstDigit(d * 100)).startsWith(d + "yz"));
        IntStream.rangeClosed(0, 5)
                .forEach(d -> assertThat(KNOWLEDGE.secondDigit(200 + d * 10)).startsWith("x" + d + "z"));
        for (int c : new int[] {2, 4, 5}) {
            assertThat(KNOWLEDGE.statusClass(new dev.mailflow.smtp.EnhancedStatus(c, 0, 0)))
                    .startsWith(c + ".y.z");
        }
    }

    @Test
    void everyCodeMentionedInACauseOrFixIsKnown() {
        var texts = new ArrayList<String>();
        KNOWLEDGE.entries().forEach(e -> {
            texts.addAll(e.causes());
            texts.addAll(e.fixes());
        });
        KNOWLEDGE.wording().findings().forEach(f -> {
            texts.addAll(f.causes());
            texts.addAll(f.fixes());
        });
        var unknown = new TreeSet<String>();
        for (var text : texts) {
            BASIC_MENTION.matcher(text).results().map(m -> m.group()).forEach(code -> {
                if (KNOWLEDGE.lookup(code).filter(e -> e.key().equals(code)).isEmpty()) {
                    unknown.add(code + " in: " + text);
                }
            });
            ENHANCED_MENTION.matcher(text).results().map(m -> m.group()).forEach(code -> {
                if (KNOWLEDGE.lookup(code).filter(e -> !e.key().endsWith("*")).isEmpty()) {
                    unknown.add(code + " in: " + text);
                }
            });
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void everyFindingTextIsComplete() {
        var ids = new HashSet<String>();
        for (var f : KNOWLEDGE.wording().findings()) {
            assertThat(ids.add(f.id())).as("duplicate " + f.id()).isTrue();
            assertThat(f.id()).matches("[a-z]+\\.[a-z0-9-]+");
            assertThat(f.severity()).as(f.id()).isNotNull();
            assertThat(f.title()).as(f.id()).isNotBlank();
            if (f.explainsReplies() || namedByAReason(f)) {
                // Causes, fixes, owner and refs come from the knowledge entries it lists.
                f.entries()
                        .forEach(key -> assertThat(KNOWLEDGE.lookup(key))
                                .as(f.id() + " " + key)
                                .isPresent());
            } else {
                assertThat(f.causes()).as(f.id()).isNotEmpty();
                assertThat(f.fixes()).as(f.id()).isNotEmpty();
                assertThat(f.owner()).as(f.id()).isNotNull();
                assertThat(f.refs()).as(f.id()).isNotEmpty();
            }
            sentences(f.id(), f.causes());
            sentences(f.id(), f.fixes());
        }
    }

    @Test
    void everyFindingIdTheRulesNameExists() throws IOException {
        var ids = KNOWLEDGE.wording().findings().stream().map(FindingText::id).toList();
        var literal = Pattern.compile(
                "\"((?:dns|connect|banner|session|reply|ehlo|tls|mail|rcpt|data|ip|rate)\\.[a-z0-9-]+)\"");
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/dev/mailflow/diagnosis"))) {
            for (var source : sources.toList()) {
                literal.matcher(Files.readString(source))
                        .results()
                        .map(m -> m.group(1))
                        .forEach(id -> assertThat(ids)
                                .as(source.getFileName() + " names " + id)
                                .contains(id));
            }
        }
    }

    /** The posture checks name their findings in package posture; the data is knowledge/posture.yaml. */
    @Test
    void everyPostureFindingIsNamedByACheckAndWritten() throws IOException {
        var ids = KNOWLEDGE.wording().findings().stream().map(FindingText::id).toList();
        var literal = Pattern.compile("\"(posture\\.[a-z0-9-]+)\"");
        var named = new TreeSet<String>();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/dev/mailflow/posture"))) {
            for (var source : sources.toList()) {
                literal.matcher(Files.readString(source))
                        .results()
                        .map(m -> m.group(1))
                        .forEach(id -> {
                            assertThat(ids)
                                    .as(source.getFileName() + " names " + id)
                                    .contains(id);
                            named.add(id);
                        });
            }
        }
        var written = ids.stream().filter(id -> id.startsWith("posture.")).toList();
        assertThat(written).as("posture findings no check raises").containsExactlyInAnyOrderElementsOf(named);
        assertThat(KNOWLEDGE.wording().findings().stream()
                        .filter(f -> f.id().startsWith("posture."))
                        .filter(FindingText::explainsReplies))
                .as("posture findings explain no reply")
                .isEmpty();
    }

    @Test
    void everyVerdictSentenceAndSkipReasonIsWritten() {
        assertThat(KNOWLEDGE.wording().verdicts())
                .containsKeys(
                        "deliverable",
                        "accepted",
                        "bounce",
                        "deferred",
                        "unknown",
                        "tested",
                        "port25",
                        "policy",
                        "unreached",
                        "nothing",
                        "queue",
                        "ties",
                        "skipped");
        for (var outcome : SessionOutcome.values()) {
            assertThat(KNOWLEDGE.wording().skips()).containsKey(outcome.name());
        }
        assertThat(KNOWLEDGE.wording().skips()).containsKey("BANNER");
    }

    @Test
    void everyReasonIsWrittenAndReachable() {
        var reasons = KNOWLEDGE.replyWording().reasons();
        for (var reason : Reason.values()) {
            if (reason == Reason.UNRECOGNISED) {
                assertThat(reasons).as("unrecognised has no phrases").doesNotContainKey(reason);
                continue;
            }
            var text = reasons.get(reason);
            assertThat(text).as(reason + " in reasons.yaml").isNotNull();
            assertThat(text.title()).as(reason.name()).isNotBlank();
            assertThat(text.phrases()).as(reason.name()).isNotEmpty();
            assertThat(text.findings()).as(reason.name()).isNotEmpty();
            assertThat(text.causes()).as(reason.name()).isNotEmpty();
            assertThat(text.fixes()).as(reason.name()).isNotEmpty();
            assertThat(text.owner()).as(reason.name()).isNotNull();
            assertThat(text.refs()).as(reason.name()).isNotEmpty();
            sentences(reason.name(), text.causes());
            sentences(reason.name(), text.fixes());
            // A reply the text names this reason for must be able to land somewhere in every phase.
            var last = KNOWLEDGE.wording().text(text.findings().getLast());
            assertThat(last.phases())
                    .as(reason + "'s last finding fits every phase")
                    .isEmpty();
        }
    }

    @Test
    void everyReplyFindingAndVendorEntryNamesAReason() {
        for (var f : KNOWLEDGE.wording().findings()) {
            if (f.explainsReplies()) {
                assertThat(f.reason()).as(f.id()).isNotNull();
            }
        }
        var catchAlls = KNOWLEDGE.wording().findings().stream()
                .filter(FindingText::catchAll)
                .map(FindingText::id)
                .toList();
        assertThat(catchAlls).containsExactlyInAnyOrder("reply.rejected", "reply.deferred");
        for (var e : KNOWLEDGE.entries()) {
            if (e.kind() == CodeEntry.Kind.VENDOR && !e.key().startsWith("generic:")) {
                assertThat(e.reason()).as(e.key()).isNotNull();
            }
        }
    }

    private static boolean namedByAReason(FindingText f) {
        return KNOWLEDGE.replyWording().reasons().values().stream()
                .anyMatch(r -> r.findings().contains(f.id()));
    }

    /** One cause or fix per item: a comma in a YAML flow list would silently split a sentence. */
    private static void sentences(String key, List<String> items) {
        for (var item : items) {
            assertThat(item).as(key).matches("(?s)([A-Z]|mailflow|\\d).*[.)]");
        }
    }

    private static Set<String> enhanced(int... subjectAndMax) {
        var codes = new HashSet<String>();
        for (int i = 0; i < subjectAndMax.length; i += 2) {
            for (int detail = 0; detail <= subjectAndMax[i + 1]; detail++) {
                codes.add("X." + subjectAndMax[i] + "." + detail);
            }
        }
        return codes;
    }
}
