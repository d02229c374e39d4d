package dev.mailflow.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExtensionsTest {

    @Test
    void mapsKeywordsInUpperCaseToTheirParameters() {
        var ehlo = new SmtpReply(
                250,
                null,
                List.of(
                        "250-mx.example.com Hello",
                        "250-size 35882577",
                        "250-AUTH LOGIN PLAIN",
                        "250-AUTH=LOGIN",
                        "250-8BITMIME",
                        "250 pipelining"),
                Duration.ZERO,
                Set.of());

        var extensions = Extensions.parse(ehlo);

        assertThat(extensions.keywords())
                .containsOnlyKeys("SIZE", "AUTH", "8BITMIME", "PIPELINING")
                .containsEntry("SIZE", "35882577")
                .containsEntry("AUTH", "LOGIN PLAIN")
                .containsEntry("8BITMIME", "");
        assertThat(extensions.has("MX.EXAMPLE.COM")).isFalse();
    }
}
