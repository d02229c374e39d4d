package dev.mailflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.diagnosis.Owner;
import dev.mailflow.diagnosis.Severity;
import dev.mailflow.dns.RecordLookup;
import dev.mailflow.testing.dns.TestDnsServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole header sets through the analyzer, DNS from the test's own server. */
class HeaderAnalyzerTest {

    static TestDnsServer dns;
    static HeaderAnalyzer analyzer;
    static final MailReader READER = new MailReader();

    @BeforeAll
    static void start() {
        dns = TestDnsServer.builder()
                .zone("contoso.example", "_dmarc IN TXT \"v=DMARC1; p=quarantine; rua=mailto:d@contoso.example\"")
                .start();
        analyzer = new HeaderAnalyzer(new RecordLookup(dns.resolver(Duration.ofSeconds(2))), MessageLimits.DEFAULT);
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void junkedBulkMailAtMicrosoftIsExplained() {
        var report = analyzer.analyze(READER.readPasted(HeaderAnalyzerFixtures.JUNKED_AT_MICROSOFT));

        assertThat(report.hops()).hasSize(3);
        assertThat(report.totalSeconds()).isEqualTo(5 * 3600 + 10 * 60 + 18.0);
        assertThat(report.authentication())
                .anySatisfy(a -> {
                    assertThat(a.method()).isEqualTo("compauth");
                    assertThat(a.result()).isEqualTo("fail");
                    assertThat(a.authservId()).isNull();
                    assertThat(a.property("reason")).isEqualTo("000");
                })
                .anySatisfy(a -> {
                    assertThat(a.method()).isEqualTo("spf");
                    assertThat(a.header()).isEqualTo("Received-SPF");
                    assertThat(a.authservId()).isEqualTo("protection.outlook.com");
                    assertThat(a.property("client-ip")).isEqualTo("203.0.113.217");
                })
                .anySatisfy(a -> {
                    assertThat(a.authservId()).isEqualTo("mailflow");
                    assertThat(a.method()).isEqualTo("dmarc");
                    assertThat(a.result()).isEqualTo("fail");
                    assertThat(a.property("organizational-domain")).isEqualTo("contoso.example");
                    assertThat(a.property("policy")).isEqualTo("quarantine");
                });
        assertThat(report.verdicts())
                .anySatisfy(v -> {
                    assertThat(v.field()).isEqualTo("SFV");
                    assertThat(v.value()).isEqualTo("SPM");
                    assertThat(v.meaning()).isEqualTo("The message was marked as spam by spam filtering.");
                })
                .anySatisfy(v -> {
                    assertThat(v.field()).isEqualTo("BCL");
                    assertThat(v.value()).isEqualTo("7");
                })
                .anySatisfy(v -> {
                    assertThat(v.header()).isEqualTo("X-MS-Exchange-Organization-SCL");
                    assertThat(v.field()).isNull();
                    assertThat(v.meaning()).isEqualTo("Spam: delivered to Junk Email.");
                });
        assertThat(report.findings())
                .anySatisfy(f -> {
                    assertThat(f.id()).isEqualTo("junk");
                    assertThat(f.text())
                            .startsWith(
                                    "put in Junk by Microsoft 365: compauth:fail, X-MS-Exchange-Organization-SCL 5, SCL:5, SFV:SPM, CAT:BULK, BCL:7, dest:J");
                    assertThat(f.owner()).isEqualTo(Owner.SENDER);
                })
                .anySatisfy(f -> {
                    assertThat(f.id()).isEqualTo("held");
                    assertThat(f.text())
                            .startsWith(
                                    "held 5 h 10 min between vmta6.news.contoso.example and AM5EUR03FT012.mail.protection.outlook.com");
                })
                .anySatisfy(f -> {
                    assertThat(f.id()).isEqualTo("dmarc-fail");
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.text())
                            .isEqualTo(
                                    "DMARC fails: header.from contoso.example is aligned with neither the DKIM d= nor the SPF domain (its policy: p=quarantine)");
                })
                .anySatisfy(f -> assertThat(f.id()).isEqualTo("hop-without-tls"));
        assertThat(report.subject()).isEqualTo("Our November offers");
    }

    @Test
    void aSignedMessageAlignsDmarcThroughItsDkimSignature() throws Exception {
        var signer = TestSigner.ed25519("contoso.example", "ed");
        try (var keys = TestDnsServer.builder()
                .zone("contoso.example", signer.zoneRecord("") + "\n_dmarc IN TXT \"v=DMARC1; p=reject\"")
                .start()) {
            var withKeys =
                    new HeaderAnalyzer(new RecordLookup(keys.resolver(Duration.ofSeconds(2))), MessageLimits.DEFAULT);
            String signed = signer.sign(DkimVerifierTest.MESSAGE, true, "from", "subject", "date");

            var report = withKeys.analyze(READER.readEml(signed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

            assertThat(report.bodyChecked()).isTrue();
            assertThat(report.dkim())
                    .singleElement()
                    .satisfies(d -> assertThat(d.passed()).isTrue());
            assertThat(report.authentication()).anySatisfy(a -> {
                assertThat(a.method()).isEqualTo("dmarc");
                assertThat(a.result()).isEqualTo("pass");
                assertThat(a.property("dkim.aligned")).isEqualTo("contoso.example");
            });
            assertThat(report.findings()).noneSatisfy(f -> assertThat(f.id()).startsWith("dkim"));
        }
    }

    @Test
    void textWithoutHeadersGivesAClearAnswer() {
        var report = analyzer.analyze(READER.readPasted("the mail took three hours, why?"));

        assertThat(report.hops()).isEmpty();
        assertThat(report.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.id()).isEqualTo("no-hops"));
    }

    @Test
    void aBodyCutByTheReadersLimitIsNotHashedButTheHeaderSignatureStillVerifies() throws Exception {
        var fixtures = HeaderAnalyzerFixtures.create();
        try (var keys = fixtures.dns()) {
            var limits = new MessageLimits(64 * 1024, 500, 12, 1000);
            var small = new HeaderAnalyzer(new RecordLookup(keys.resolver(Duration.ofSeconds(2))), limits);
            String line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit.\r\n";
            byte[] message =
                    fixtures.signedMessage(line.repeat(2000)).getBytes(java.nio.charset.StandardCharsets.UTF_8);

            var report = small.analyze(new MailReader(limits).readEml(message));

            assertThat(report.bodyChecked()).isFalse();
            assertThat(report.dkim()).singleElement().satisfies(d -> {
                assertThat(d.passed()).isTrue();
                assertThat(d.reason()).isEqualTo("body cut at 65536 bytes when read: body not checked");
            });
            assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("was cut: DKIM body hashes not checked"));
        }
    }
}
