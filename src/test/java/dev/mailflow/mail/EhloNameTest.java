package dev.mailflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EhloNameTest {

    @Test
    void acceptsDomainsAndAddressLiterals() {
        assertThat(EhloName.parse("mail.contoso.com").value()).isEqualTo("mail.contoso.com");
        assertThat(EhloName.parse("[192.0.2.7]").value()).isEqualTo("[192.0.2.7]");
        assertThat(EhloName.parse("[IPv6:2001:db8::7]").value()).isEqualTo("[IPv6:2001:db8::7]");
        assertThat(EhloName.parse("münchen.example").value()).isEqualTo("xn--mnchen-3ya.example");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "contoso.com\r\nMAIL FROM:<x@y>",
                "contoso.com\nQUIT",
                "contoso.com\u0000",
                "contoso\u2028.com",
                "contoso\u0085.com",
                "ｃｏｎｔｏｓｏ.com",
                "contoso.com ",
                "contoso .com",
                "contoso_mail.com",
                "-contoso.com",
                "user@contoso.com",
                "[not-a-literal]",
                "contoso.com.",
            })
    void refusesWhatIsNotADomainOrLiteral(String text) {
        assertThatThrownBy(() -> EhloName.parse(text)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> EhloName.parse(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void refusesOverLongNames() {
        String label = "a".repeat(63);
        assertThatThrownBy(() -> EhloName.parse(String.join(".", label, label, label, label, "com")))
                .isInstanceOf(InvalidInputException.class);
    }
}
