package dev.mailflow.diagnosis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The shapes of the knowledge files under {@code src/main/resources/knowledge} and their reading. */
final class KnowledgeFiles {

    static final List<String> CODE_FILES =
            List.of("knowledge/codes.yaml", "knowledge/enhanced.yaml", "knowledge/vendors.yaml");
    static final String FINDINGS_FILE = "knowledge/findings.yaml";
    /** The posture checks' findings (package posture), in the findings' shape. */
    static final String POSTURE_FILE = "knowledge/posture.yaml";

    static final String REASONS_FILE = "knowledge/reasons.yaml";

    // Strict: a misspelt field in a data file must fail the build, not vanish silently.
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private KnowledgeFiles() {}

    /** A file of code entries; the digit maps appear only where a file defines them. */
    record CodeFile(
            Map<Integer, String> firstDigit,
            Map<Integer, String> secondDigit,
            Map<Integer, String> statusClass,
            List<CodeEntry> entries) {

        CodeFile {
            firstDigit = firstDigit == null ? Map.of() : Map.copyOf(firstDigit);
            secondDigit = secondDigit == null ? Map.of() : Map.copyOf(secondDigit);
            statusClass = statusClass == null ? Map.of() : Map.copyOf(statusClass);
            entries = entries == null ? List.of() : List.copyOf(entries);
        }
    }

    /**
     * The finding texts, the verdict sentences, the words for the customer and the providers that
     * judge a message only at its end.
     *
     * @param customer by deciding finding id, reason, risk or outcome name
     */
    record WordingFile(
            Map<String, String> verdicts,
            Map<String, String> skips,
            List<FindingText> findings,
            Map<String, CustomerText> customer,
            List<EndOfData> endOfData) {

        WordingFile {
            verdicts = verdicts == null ? Map.of() : Map.copyOf(verdicts);
            skips = skips == null ? Map.of() : Map.copyOf(skips);
            findings = findings == null ? List.of() : List.copyOf(findings);
            customer = customer == null ? Map.of() : Map.copyOf(customer);
            endOfData = endOfData == null ? List.of() : List.copyOf(endOfData);
        }
    }

    /**
     * Plain words for one situation.
     *
     * @param message what the helpdesk tells the customer
     * @param user what the user (the person sending) can do
     */
    record CustomerText(String message, String user) {}

    /**
     * A provider that checks the sender's authentication (SPF, DKIM, DMARC) at the end of the
     * message, so an accepted recipient says nothing about whether the message is taken.
     *
     * @param hosts MX host name suffixes of the provider
     */
    record EndOfData(String provider, List<String> hosts) {

        EndOfData {
            hosts = hosts == null ? List.of() : List.copyOf(hosts);
        }
    }

    /**
     * The reasons' phrase patterns, in order of precedence, and the sentence that notes a contradiction
     * between code and text.
     */
    record ReasonsFile(String contradiction, List<ReasonText> reasons) {

        ReasonsFile {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }

    /**
     * What makes a reply text name one reason, and what that reason means for the person reading.
     *
     * @param phrases case-insensitive regular expressions, each matched as whole words
     * @param details first match wins; {@code value} may use the match's groups ({@code $1})
     * @param findings the findings a reply the text names this reason becomes: the first whose phases
     *     fit
     */
    record ReasonText(
            Reason reason,
            String title,
            List<String> findings,
            List<String> phrases,
            List<Detail> details,
            List<String> causes,
            List<String> fixes,
            Owner owner,
            List<String> refs) {

        ReasonText {
            findings = findings == null ? List.of() : List.copyOf(findings);
            phrases = phrases == null ? List.of() : List.copyOf(phrases);
            details = details == null ? List.of() : List.copyOf(details);
            causes = causes == null ? List.of() : List.copyOf(causes);
            fixes = fixes == null ? List.of() : List.copyOf(fixes);
            refs = refs == null ? List.of() : List.copyOf(refs);
        }
    }

    record Detail(String match, String value) {}

    static ReasonsFile reasons() {
        return read(REASONS_FILE, ReasonsFile.class);
    }

    static CodeFile codes(String resource) {
        return read(resource, CodeFile.class);
    }

    /** The posture file holds only findings. */
    record PostureFile(List<FindingText> findings) {

        PostureFile {
            findings = findings == null ? List.of() : List.copyOf(findings);
        }
    }

    /** The findings file with the posture findings added (a duplicate id fails the load). */
    static WordingFile wording() {
        var wording = read(FINDINGS_FILE, WordingFile.class);
        var posture = read(POSTURE_FILE, PostureFile.class);
        var all = new java.util.ArrayList<>(wording.findings());
        all.addAll(posture.findings());
        return new WordingFile(wording.verdicts(), wording.skips(), all, wording.customer(), wording.endOfData());
    }

    private static <T> T read(String resource, Class<T> type) {
        try (InputStream in = KnowledgeFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("knowledge file missing from the classpath: " + resource);
            }
            return MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("broken knowledge file " + resource + ": " + e.getMessage(), e);
        }
    }
}
