package dev.mailflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailAddressTest {

    @Test
    void parsesADotString() {
        var address = MailAddress.parse("kate.smith+test@example.com");

        assertThat(address.localPart()).isEqualTo("kate.smith+test");
        assertThat(address.domain()).isEqualTo("example.com");
        assertThat(address.toString()).isEqualTo("kate.smith+test@example.com");
        assertThat(address.needsSmtpUtf8()).isFalse();
    }

    @Test
    void parsesAQuotedLocalPartWithAnAtSign() {
        var address = MailAddress.parse("\"john doe@home\"@example.com");

        assertThat(address.localPart()).isEqualTo("\"john doe@home\"");
        assertThat(address.domain()).isEqualTo("example.com");
    }

    @Test
    void parsesAddressLiterals() {
        assertThat(MailAddress.parse("postmaster@[192.0.2.1]").domain()).isEqualTo("[192.0.2.1]");
        assertThat(MailAddress.parse("postmaster@[IPv6:2001:db8::1]").domain()).isEqualTo("[IPv6:2001:db8::1]");
        assertThat(MailAddress.parse("postmaster@[IPv6:::ffff:192.0.2.1]").domain())
                .isEqualTo("[IPv6:::ffff:192.0.2.1]");
    }

    @Test
    void convertsAnInternationalDomainToALabels() {
        assertThat(MailAddress.parse("info@bücher.example").domain()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void allowsANonAsciiLocalPartAndSaysItNeedsSmtpUtf8() {
        var address = MailAddress.parse("jürgen@example.com");

        assertThat(address.needsSmtpUtf8()).isTrue();
    }

    @Test
    void theCanonicalConstructorValidatesToo() {
        assertThatThrownBy(() -> new MailAddress("a\r\nRCPT TO:<b", "example.com"))
                .isInstanceOf(InvalidInputException.class);
        assertThat(MailAddress.NULL_SENDER.isNullSender()).isTrue();
        assertThat(MailAddress.NULL_SENDER.toString()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kate@example.com\r\nRCPT TO:<evil@example.net>",
                "kate@example.com\nDATA",
                "kate\r@example.com",
                "kate\u0000@example.com",
                "kate@exa\u2028mple.com",
                "kate\u0085@example.com",
                "kate@example.com\u2029",
                "kate\u202e@example.com",
                "ｋａｔｅ@example.com",
                "kate＠example.com",
                "kate@ｅｘａｍｐｌｅ.com",
                "kate@example．com",
                "\"kate\r\nRCPT TO:<x@y>\"@example.com",
                "kate@[IPv6:::1]\r\n",
                "kate\t@example.com",
            })
    void refusesInjectionAttempts(String text) {
        assertThatThrownBy(() -> MailAddress.parse(text)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "kate",
                "@example.com",
                "kate@",
                "kate@@example.com",
                "a@b@example.com",
                ".kate@example.com",
                "kate.@example.com",
                "ka..te@example.com",
                "ka te@example.com",
                "kate(comment)@example.com",
                "kate@example..com",
                "kate@-example.com",
                "kate@example-.com",
                "kate@exa_mple.com",
                "kate@example.com.",
                "kate@[300.1.1.1]",
                "kate@[192.0.2.01]",
                "kate@[IPv6:1::2::3]",
                "kate@[IPv6:12345::1]",
                "kate@[tag:something]",
                "kate@[192.0.2.1",
                "\"unterminated@example.com",
            })
    void refusesBadSyntax(String text) {
        assertThatThrownBy(() -> MailAddress.parse(text)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesAngleBracketsWithAClearMessage() {
        assertThatThrownBy(() -> MailAddress.parse("<kate@example.com>"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("angle brackets");
    }

    @Test
    void enforcesTheLengthLimits() {
        assertThat(MailAddress.parse("a".repeat(64) + "@example.com").localPart())
                .hasSize(64);
        assertThatThrownBy(() -> MailAddress.parse("a".repeat(65) + "@example.com"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("the local part is longer than 64 octets");
        // Multi-byte characters count in octets (RFC 6531 §3.3).
        assertThatThrownBy(() -> MailAddress.parse("ü".repeat(33) + "@example.com"))
                .hasMessage("the local part is longer than 64 octets");
        String label = "a".repeat(63);
        String longDomain = String.join(".", label, label, label, label);
        assertThatThrownBy(() -> MailAddress.parse("kate@" + longDomain))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than");
        assertThatThrownBy(() -> MailAddress.parse("kate@" + "a".repeat(64) + ".com"))
                .isInstanceOf(InvalidInputException.class);
        String domain250 = String.join(".", label, label, label, "a".repeat(58));
        assertThat(domain250).hasSize(250);
        assertThatThrownBy(() -> MailAddress.parse("a".repeat(10) + "@" + domain250))
                .hasMessage("the address is longer than 254 octets");
    }
}
