package dev.mailflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.dns.RecordLookup;
import dev.mailflow.message.DkimResult.Result;
import dev.mailflow.testing.dns.TestDnsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages signed by another implementation (dkimpy, see src/test/resources/dkim/README.md) verify. */
class DkimpySignaturesTest {

    @ParameterizedTest
    @ValueSource(strings = {"rsa-relaxed.eml", "rsa-simple.eml", "ed-relaxed.eml"})
    void dkimpySignaturesPassAndFailWhenTheBodyChanges(String file) throws IOException {
        try (var dns = TestDnsServer.builder()
                .zone(
                        "contoso.example",
                        txt("py", "rsa", resource("rsa.txt")) + "\n" + txt("pyed", "ed25519", resource("ed.txt")))
                .start()) {
            var verifier = new DkimVerifier(new RecordLookup(dns.resolver(Duration.ofSeconds(2))));
            byte[] message = resource(file).getBytes(StandardCharsets.ISO_8859_1);

            assertThat(verify(verifier, message).result()).isEqualTo(Result.PASS);
            String tampered = new String(message, StandardCharsets.ISO_8859_1).replace("attached", "enclosed");
            assertThat(verify(verifier, tampered.getBytes(StandardCharsets.ISO_8859_1))
                            .reason())
                    .startsWith("body hash mismatch");
        }
    }

    private static DkimResult verify(DkimVerifier verifier, byte[] message) {
        return verifier.verify(message).getFirst();
    }

    private static String txt(String selector, String type, String key) {
        String record = "v=DKIM1; k=" + type + "; p=" + key.strip();
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < record.length(); i += 250) {
            strings.add("\"" + record.substring(i, Math.min(record.length(), i + 250)) + "\"");
        }
        return selector + "._domainkey IN TXT " + String.join(" ", strings);
    }

    private static String resource(String name) {
        try (var in = DkimpySignaturesTest.class.getResourceAsStream("/dkim/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
