package dev.mailflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** UTS #46 non-transitional, as browsers and registries convert, not IDNA 2003's java.net.IDN. */
class DomainNameTest {

    @Test
    void sharpSIsKeptAsItsOwnLetterNotFoldedToSs() {
        assertThat(DomainName.parse("faß.de").ascii()).isEqualTo("xn--fa-hia.de");
        assertThat(DomainName.parse("faß.test").ascii()).isEqualTo("xn--fa-hia.test");
        assertThat(DomainName.parse("FASS.de").ascii()).isEqualTo("fass.de");
    }

    @Test
    void aLabelsAreLowerCaseWhicheverWayTheNameIsTyped() {
        assertThat(DomainName.parse("Bücher.DE").ascii()).isEqualTo("xn--bcher-kva.de");
        assertThat(DomainName.parse("xn--BCHER-kva.de").ascii()).isEqualTo("xn--bcher-kva.de");
        assertThat(DomainName.parse("Example.COM").ascii()).isEqualTo("example.com");
        assertThat(new DomainName("xn--bcher-kva.de").unicode()).isEqualTo("bücher.de");
    }

    @Test
    void everyMailInputConvertsTheSameWay() {
        assertThat(MailAddress.parse("kate@faß.test").domain()).isEqualTo("xn--fa-hia.test");
        assertThat(EhloName.parse("Mail.Faß.test").value()).isEqualTo("mail.xn--fa-hia.test");
    }

    @Test
    void whatIsNotADomainIsRefusedSayingWhy() {
        assertThatThrownBy(() -> DomainName.parse("a..b")).hasMessageContaining("empty label");
        assertThatThrownBy(() -> DomainName.parse("under_score.example")).hasMessageContaining("under_score");
        assertThatThrownBy(() -> DomainName.parse("-lead.example")).hasMessageContaining("-lead");
        assertThatThrownBy(() -> DomainName.parse("xn--zz.example")).hasMessageContaining("not a valid domain name");
        assertThatThrownBy(() -> DomainName.parse("example.com.")).hasMessageContaining("trailing dot");
        assertThatThrownBy(() -> DomainName.parse("a".repeat(64) + ".example")).hasMessageContaining("63");
        assertThatThrownBy(() -> DomainName.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new DomainName("Example.com")).hasMessageContaining("A-label");
    }

    @Test
    void theReasonIsSaidInPlainWordsNotInTheLibrarysTerms() {
        assertThatThrownBy(() -> DomainName.parse("under_score.example"))
                .hasMessageContaining("contains characters a domain name cannot have")
                .hasMessageNotContainingAny("LDH", "label");
        assertThatThrownBy(() -> DomainName.parse("exa\u2028mple.com"))
                .hasMessage("the domain is not a valid domain name: it contains characters a domain name cannot have");
        assertThatThrownBy(() -> DomainName.parse("xn--zz.example"))
                .hasMessageContaining("\"xn--\" part")
                .hasMessageNotContainingAny("(", "punycode", "ace");
    }
}
