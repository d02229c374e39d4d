package dev.mailflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.dns.RecordLookup;
import dev.mailflow.message.DkimResult.Result;
import dev.mailflow.testing.dns.TestDnsServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signatures made in the test, keys served by the test's own DNS server. */
class DkimVerifierTest {

    static final String MESSAGE = String.join(
            "\r\n",
            "From: Ann Example <ann@contoso.example>",
            "To: kate@fabrikam.example",
            "Subject: The quarterly numbers,",
            "\tfolded on purpose",
            "Date: Mon, 08 Nov 2021 09:12:00 +0000",
            "Message-ID: <q3-numbers@contoso.example>",
            "",
            "Hello Kate,  ",
            "",
            "the numbers\tare attached.",
            "",
            "",
            "");

    static TestSigner rsa1024;
    static TestSigner rsa2048;
    static TestSigner ed25519;
    static TestSigner revoked;
    static TestSigner testing;
    static TestSigner tiny;
    static TestDnsServer dns;
    static DkimVerifier verifier;

    @BeforeAll
    static void keysInDns() throws Exception {
        rsa1024 = TestSigner.rsa(1024, "contoso.example", "small");
        rsa2048 = TestSigner.rsa(2048, "contoso.example", "big");
        ed25519 = TestSigner.ed25519("contoso.example", "ed");
        revoked = TestSigner.rsa(2048, "contoso.example", "old");
        testing = TestSigner.rsa(2048, "contoso.example", "trial");
        tiny = TestSigner.rsa(512, "contoso.example", "tiny");
        dns = TestDnsServer.builder()
                .zone(
                        "contoso.example",
                        String.join(
                                "\n",
                                rsa1024.zoneRecord(""),
                                rsa2048.zoneRecord(""),
                                ed25519.zoneRecord(""),
                                "old._domainkey IN TXT \"v=DKIM1; k=rsa; p=\"",
                                testing.zoneRecord("t=y; "),
                                "broken._domainkey IN TXT \"v=DKIM1; k=rsa; p=bm90IGEga2V5\"",
                                "slow._domainkey IN TXT \"v=DKIM1; p=\"",
                                tiny.zoneRecord("")))
                .start();
        dns.drop("slow._domainkey.contoso.example");
        verifier = new DkimVerifier(new RecordLookup(dns.resolver(Duration.ofMillis(500))));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void rsa1024Rsa2048AndEd25519SignaturesPass() throws Exception {
        for (var signer : List.of(rsa1024, rsa2048, ed25519)) {
            for (boolean relaxed : new boolean[] {true, false}) {
                var result = verify(signer.sign(MESSAGE, relaxed, "from", "to", "subject", "date", "message-id"));

                assertThat(result.result())
                        .as(signer.algorithm + " relaxed=" + relaxed)
                        .isEqualTo(Result.PASS);
                assertThat(result.bodyChecked()).isTrue();
                assertThat(result.reason()).isEqualTo("signature verified");
            }
        }
        var ed = verify(ed25519.sign(MESSAGE, true, "from"));
        assertThat(ed.algorithm()).isEqualTo("ed25519-sha256");
        assertThat(ed.key().type()).isEqualTo("ed25519");
        assertThat(ed.key().bits()).isEqualTo(256);
        assertThat(verify(rsa1024.sign(MESSAGE, true, "from")).key().bits()).isEqualTo(1024);
        assertThat(verify(rsa2048.sign(MESSAGE, true, "from")).key().bits()).isEqualTo(2048);
    }

    @Test
    void aTamperedBodyFailsOnItsHash() throws Exception {
        for (var signer : List.of(rsa2048, ed25519)) {
            String signed = signer.sign(MESSAGE, true, "from", "subject");
            var result = verify(signed.replace("numbers\tare", "numbers were"));

            assertThat(result.result()).isEqualTo(Result.FAIL);
            assertThat(result.reason()).startsWith("body hash mismatch");
        }
    }

    @Test
    void aTamperedHeaderFailsOnTheSignature() throws Exception {
        for (var signer : List.of(rsa1024, ed25519)) {
            String signed = signer.sign(MESSAGE, false, "from", "subject");
            var result = verify(signed.replace("quarterly", "yearly"));

            assertThat(result.result()).isEqualTo(Result.FAIL);
            assertThat(result.reason()).startsWith("signature mismatch");
        }
    }

    @Test
    void headersOnlyVerifyTheHeaderHashAndSaySoPlainly() throws Exception {
        String signed = rsa2048.sign(MESSAGE, true, "from", "subject");
        String head = signed.substring(0, signed.indexOf("\r\n\r\n"));

        var result = verifier.verify(HeaderText.fields(head), null).getFirst();

        assertThat(result.result()).isEqualTo(Result.PASS);
        assertThat(result.bodyChecked()).isFalse();
        assertThat(result.reason()).isEqualTo("headers only: body not checked");
        var tampered = verifier.verify(HeaderText.fields(head.replace("Ann Example", "Mallory")), null);
        assertThat(tampered.getFirst().result()).isEqualTo(Result.FAIL);
    }

    @Test
    void aRevokedKeyAnUnparsableKeyAMissingKeyAndATimeoutAreErrorsWithReasons() throws Exception {
        assertThat(verify(revoked.sign(MESSAGE, true, "from")))
                .satisfies(r -> assertThat(r.result()).isEqualTo(Result.PERMERROR))
                .satisfies(r -> assertThat(r.reason()).contains("revoked"))
                .satisfies(r -> assertThat(r.key().revoked()).isTrue());
        var broken = TestSigner.rsa(1024, "contoso.example", "broken");
        assertThat(verify(broken.sign(MESSAGE, true, "from")).reason()).isEqualTo("the key in p= does not parse");
        var missing = TestSigner.rsa(1024, "contoso.example", "nowhere");
        var notFound = verify(missing.sign(MESSAGE, true, "from"));
        assertThat(notFound.result()).isEqualTo(Result.PERMERROR);
        assertThat(notFound.reason()).startsWith("key not found");
        var slow = TestSigner.rsa(1024, "contoso.example", "slow");
        var timeout = verify(slow.sign(MESSAGE, true, "from"));
        assertThat(timeout.result()).isEqualTo(Result.TEMPERROR);
        assertThat(timeout.reason()).contains("in time");
    }

    @Test
    void aTestingKeyIsNamedAndAnUnsignedFromIsRefused() throws Exception {
        var trial = verify(testing.sign(MESSAGE, true, "from"));
        assertThat(trial.result()).isEqualTo(Result.PASS);
        assertThat(trial.key().testing()).isTrue();
        assertThat(trial.reason()).contains("t=y");

        var noFrom = verify(rsa2048.sign(MESSAGE, true, "subject"));
        assertThat(noFrom.result()).isEqualTo(Result.PERMERROR);
        assertThat(noFrom.reason()).contains("From");
    }

    @Test
    void anExpiredSignatureAShortKeyAndRsaSha1AreRefusedWithTheirReason() throws Exception {
        var expired = verify(rsa2048.signWith("x=1636362800;", MESSAGE, true, "from"));
        assertThat(expired.result()).isEqualTo(Result.PERMERROR);
        assertThat(expired.reason()).isEqualTo("the signature expired at 2021-11-08T09:13:20Z (x=)");

        var shortKey = verify(tiny.sign(MESSAGE, true, "from"));
        assertThat(shortKey.result()).isEqualTo(Result.PERMERROR);
        assertThat(shortKey.reason()).contains("512 bits", "RFC 8301");

        String sha1 = rsa2048.sign(MESSAGE, true, "from").replace("a=rsa-sha256", "a=rsa-sha1");
        assertThat(verify(sha1).reason()).isEqualTo("rsa-sha1 is no longer accepted (RFC 8301)");
    }

    private static DkimResult verify(String message) {
        var results = verifier.verify(message.getBytes(StandardCharsets.UTF_8));
        assertThat(results).hasSize(1);
        return results.getFirst();
    }
}
