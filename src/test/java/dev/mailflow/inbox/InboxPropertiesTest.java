package dev.mailflow.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailflow.testing.smtp.SelfSignedTls;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The settings fail at start on bad values; the key store is read or a certificate made. */
class InboxPropertiesTest {

    static InboxProperties enabled(String domain, InboxProperties.Tls tls) {
        return new InboxProperties(
                true,
                2525,
                "",
                domain,
                Duration.ofHours(1),
                DataSize.ofMegabytes(10),
                Duration.ofDays(7),
                false,
                tls,
                null);
    }

    @Test
    void onNeedsADomainThatAnMxCanNameAndOffNeedsNone() {
        assertThatThrownBy(() -> enabled("", null)).hasMessageContaining("mailflow.inbox.domain");
        assertThatThrownBy(() -> enabled("[127.0.0.1]", null)).hasMessageContaining("mailflow.inbox.domain");
        assertThatThrownBy(() -> enabled("bad domain", null)).hasMessageContaining("mailflow.inbox.domain");
        assertThat(enabled("Check.Mailflow.Example", null).domain()).isEqualTo("check.mailflow.example");
        var off = new InboxProperties(false, 2525, null, null, null, null, null, false, null, null);
        assertThat(off.limits().maxRefusals()).isEqualTo(10);
        assertThat(off.ttl()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() ->
                        new InboxProperties(false, 2525, null, null, Duration.ZERO, null, null, false, null, null))
                .hasMessageContaining("mailflow.inbox.ttl");
    }

    @Test
    void aGeneratedCertificateOrAConfiguredKeyStoreServesStartTls(@TempDir Path dir) throws Exception {
        assertThat(ServerTls.context(new InboxProperties.Tls(null, null, null), "check.example")
                        .getProtocol())
                .isEqualTo("TLS");
        // A key store as an operator would bring it: PKCS12 with one key entry.
        Path file = dir.resolve("inbox.p12");
        var source = SelfSignedTls.keyStore("check.example", "secret".toCharArray());
        try (OutputStream out = Files.newOutputStream(file)) {
            source.store(out, "secret".toCharArray());
        }
        assertThat(ServerTls.context(new InboxProperties.Tls(file.toString(), "secret", "PKCS12"), "check.example"))
                .isNotNull();
        assertThatThrownBy(() ->
                        ServerTls.context(new InboxProperties.Tls(file.toString(), "wrong", "PKCS12"), "check.example"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mailflow.inbox.tls")
                .hasMessageContaining(file.toString());
    }
}
