package dev.mailflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

/**
 * The verdict headers decoded against their vendors' documented values, and the knowledge file
 * kept consistent: every header has a vendor and a source (or says it is undocumented), every field
 * a meaning, every junk value a meaning of its own, no header twice.
 */
class VerdictDecoderTest {

    static final VerdictKnowledge KNOWLEDGE = VerdictKnowledge.load();
    static final VerdictDecoder DECODER = new VerdictDecoder(KNOWLEDGE);

    @Test
    void microsoftFieldsDecodeToTheirDocumentedMeanings() {
        var verdicts = DECODER.decode(HeaderText.fields("""
                X-Forefront-Antispam-Report: CIP:198.51.100.9;CTRY:NL;LANG:en;SCL:9;SRV:;IPV:NLI;SFV:SPM;H:mail.spam.example;PTR:;CAT:HPHSH;SFTY:9.19;SFS:(13230028)(4636009);DIR:INB;XYZ:1;
                X-Microsoft-Antispam: BCL:0;PCL:5;
                X-MS-Exchange-Organization-AuthAs: Anonymous
                From: ann@contoso.example
                """));

        assertThat(meaning(verdicts, "SFV")).isEqualTo("The message was marked as spam by spam filtering.");
        assertThat(meaning(verdicts, "SCL")).isEqualTo("Spam filtering marked the message as high confidence spam.");
        assertThat(meaning(verdicts, "CAT")).isEqualTo("High confidence phishing.");
        assertThat(meaning(verdicts, "IPV")).isEqualTo("The IP address was not found on any IP reputation list.");
        assertThat(meaning(verdicts, "DIR")).isEqualTo("Inbound message.");
        assertThat(meaning(verdicts, "SFTY")).startsWith("Domain impersonation");
        assertThat(meaning(verdicts, "CIP")).startsWith("The source IP address");
        assertThat(meaning(verdicts, "BCL")).isEqualTo("The message is not from a bulk sender.");
        assertThat(meaning(verdicts, "PCL")).startsWith("Suspicious");
        assertThat(meaning(verdicts, "XYZ")).isEqualTo("Not described by Microsoft 365.");
        assertThat(verdicts)
                .filteredOn(Verdict::junk)
                .extracting(Verdict::field)
                .containsExactly("SCL", "SFV", "CAT", "SFTY", "PCL");
        assertThat(verdicts)
                .filteredOn(v -> v.header().equals("X-MS-Exchange-Organization-AuthAs"))
                .singleElement()
                .satisfies(v -> assertThat(v.meaning()).startsWith("The sender was not authenticated"));
    }

    @Test
    void compauthAndItsReasonDecode() {
        var verdicts = DECODER.decode(HeaderText.fields("""
                Authentication-Results: spf=pass (sender IP is 192.0.2.7) smtp.mailfrom=contoso.example;
                 dkim=pass (signature was verified) header.d=contoso.example;dmarc=pass action=none
                 header.from=contoso.example;compauth=pass reason=100
                Authentication-Results: mx.google.com; spf=pass smtp.mailfrom=contoso.example
                From: ann@contoso.example
                """));

        assertThat(verdicts)
                .extracting(Verdict::field, Verdict::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("compauth", "pass"),
                        org.assertj.core.groups.Tuple.tuple("reason", "100"));
        assertThat(meaning(verdicts, "reason")).startsWith("The message passed authentication");
        assertThat(DECODER.decode(
                        HeaderText.fields("Authentication-Results: compauth=fail reason=001\nFrom: a@b.example\n")))
                .anySatisfy(v -> {
                    assertThat(v.junk()).isTrue();
                    assertThat(v.field()).isEqualTo("compauth");
                })
                .anySatisfy(v -> assertThat(v.meaning()).startsWith("The message failed implicit authentication"));
    }

    @Test
    void spamAssassinStatusSplitsIntoScoreRequiredAndTests() {
        var verdicts = DECODER.decode(HeaderText.fields("""
                X-Spam-Status: Yes, score=7.3 required=5.0 tests=BAYES_99,DKIM_INVALID,
                	URIBL_BLOCKED,MY_LOCAL_RULE autolearn=no autolearn_force=no version=3.4.6
                X-Spam-Flag: YES
                From: ann@contoso.example
                """));

        assertThat(verdicts)
                .extracting(Verdict::field, Verdict::value)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("verdict", "Yes"),
                        org.assertj.core.groups.Tuple.tuple("score", "7.3"),
                        org.assertj.core.groups.Tuple.tuple("required", "5.0"),
                        org.assertj.core.groups.Tuple.tuple("tests", "BAYES_99"),
                        org.assertj.core.groups.Tuple.tuple("tests", "MY_LOCAL_RULE"),
                        org.assertj.core.groups.Tuple.tuple("version", "3.4.6"));
        assertThat(verdicts)
                .filteredOn(v -> "BAYES_99".equals(v.value()))
                .singleElement()
                .satisfies(v -> assertThat(v.meaning()).contains("99 to 100%"));
        assertThat(verdicts)
                .filteredOn(v -> "MY_LOCAL_RULE".equals(v.value()))
                .singleElement()
                .satisfies(v -> assertThat(v.meaning()).startsWith("A test (rule) that matched"));
        assertThat(verdicts).filteredOn(Verdict::junk).hasSize(2);
    }

    @Test
    void proofpointPairsAndRspamdActionsDecode() {
        var verdicts = DECODER.decode(HeaderText.fields("""
                X-Proofpoint-Spam-Details: rule=spam policy=default score=98 suspectscore=0 phishscore=0 bulkscore=0 malwarescore=0
                X-Rspamd-Action: add header
                From: ann@contoso.example
                """));

        assertThat(meaning(verdicts, "rule")).isEqualTo("Spam.");
        assertThat(verdicts)
                .filteredOn(Verdict::junk)
                .extracting(Verdict::vendor)
                .containsExactly("Proofpoint Email Protection", "Rspamd");
    }

    @Test
    void theKnowledgeFileIsConsistent() {
        var names = new HashSet<String>();
        for (var header : KNOWLEDGE.headers()) {
            assertThat(names.add(header.name().toLowerCase(java.util.Locale.ROOT)))
                    .as(header.name())
                    .isTrue();
            assertThat(header.vendor()).as(header.name()).isNotBlank();
            assertThat(header.format()).as(header.name()).isNotNull();
            assertThat(header.isDocumented() ? header.source() : "undocumented")
                    .as(header.name())
                    .isNotBlank();
            if (header.source() != null && header.source().startsWith("http")) {
                assertThat(URI.create(header.source()).getScheme()).isEqualTo("https");
            }
            assertThat(header.fields()).as(header.name()).isNotEmpty();
            if (header.format() == VerdictKnowledge.Format.VALUE) {
                assertThat(header.fields().keySet()).as(header.name()).containsExactly("value");
            }
            header.fields().forEach((name, field) -> {
                assertThat(field.meaning()).as(header.name() + " " + name).isNotBlank();
                field.values()
                        .values()
                        .forEach(m ->
                                assertThat(m).as(header.name() + " " + name).isNotBlank());
                for (String junk : field.junk()) {
                    assertThat(field.values().isEmpty() || field.values().containsKey(junk))
                            .as(header.name() + " " + name + " junk value " + junk + " has its own meaning")
                            .isTrue();
                }
            });
        }
    }

    private static String meaning(java.util.List<Verdict> verdicts, String field) {
        return verdicts.stream()
                .filter(v -> field.equals(v.field()))
                .findFirst()
                .orElseThrow()
                .meaning();
    }
}
