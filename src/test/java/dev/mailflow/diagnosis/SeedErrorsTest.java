package dev.mailflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The seed document (Exchange's "Use Telnet to test SMTP communication") lists the possible
 * reasons for each error; the findings for its transcripts must name every one of them.
 */
class SeedErrorsTest {

    private static final Diagnoser DIAGNOSER = new Diagnoser(Knowledge.load());

    @Test
    void connectionFailed() {
        assertCauses(
                "03-seed-connection-refused.yaml",
                "connect.refused",
                "destination smtp service is unavailable",
                "restrictions on destination firewall",
                "wrong fqdn or ip destination smtp server address",
                "wrong port number");
        // The source firewall fits a silent drop (timeout), not a refusal.
        assertCauses("08-every-mx-times-out.yaml", "connect.timeout", "restrictions on source firewall");
        assertCauses("08-every-mx-times-out.yaml", "connect.port25-blocked", "outbound port 25");
    }

    @Test
    void ehloInvalidDomainName() {
        assertCauses(
                "04-seed-ehlo-invalid-domain.yaml",
                "ehlo.invalid-domain",
                "invalid characters in domain name",
                "connection restrictions on destination smtp server");
    }

    @Test
    void mailInvalidAddress() {
        assertCauses(
                "05-seed-mail-invalid-address.yaml",
                "mail.invalid-sender",
                "a syntax error in the sender's email address");
    }

    @Test
    void mailClientWasNotAuthenticated() {
        assertCauses(
                "06-seed-mail-not-authenticated.yaml",
                "mail.not-authenticated",
                "the destination server does not accept anonymous message submissions",
                "mailbox server",
                "receive connector accepting anonymous connections");
    }

    @Test
    void rcptUnknownUser() {
        assertCauses("07-seed-rcpt-unknown-user.yaml", "rcpt.unknown-user", "the specified recipient does not exist");
    }

    private static void assertCauses(String golden, String findingId, String... expected) {
        var facts =
                GoldenCase.read(Path.of("src/test/resources/golden", golden)).runFacts();
        var finding = DIAGNOSER.diagnose(facts).findings().stream()
                .filter(f -> f.id().equals(findingId))
                .findFirst()
                .orElseThrow(() -> new AssertionError(golden + " has no finding " + findingId));
        var causes = String.join("\n", finding.causes()).toLowerCase(Locale.ROOT);
        assertThat(causes).as(findingId).contains(List.of(expected));
        assertThat(finding.evidence()).as(findingId).isNotNull();
    }
}
