package dev.mailflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.RunningApp;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.util.EnumSet;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Whole application: every finished run's JSON result has words a helpdesk can paste to the
 * customer, with no reply code, no {@code <>} and no protocol word, whatever the outcome.
 */
class CustomerMessageFlowIntegrationTest extends RunningApp {

    enum Outcome {
        DELIVERABLE,
        BOUNCE,
        DEFERRED,
        UNKNOWN
    }

    static final Map<Outcome, ScriptedSmtpServer> SERVERS = Map.of(
            Outcome.DELIVERABLE, ScriptedSmtpServer.start(s -> s),
            Outcome.BOUNCE,
                    ScriptedSmtpServer.start(s -> s.on("RCPT", "550 5.1.1 <nobody-here@nouser.test>: User unknown")),
            Outcome.DEFERRED,
                    ScriptedSmtpServer.start(s -> s.on("RCPT", "451 4.7.1 Greylisted, please try again later")),
            Outcome.UNKNOWN,
                    ScriptedSmtpServer.start(
                            s -> s.on(
                                    "RCPT",
                                    "550 5.7.606 Access denied, banned sending IP [127.0.0.1]. To request removal visit the portal")));

    static final TestDnsServer DNS = TestDnsServer.builder().start();

    static final Pattern JARGON = Pattern.compile(
            "\\b[245]\\d\\d\\b|\\b[245]\\.\\d{1,3}\\.\\d{1,3}\\b|<>|\\bEHLO\\b|\\bHELO\\b|\\bRCPT\\b|MAIL FROM");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        int[] ports =
                SERVERS.values().stream().mapToInt(s -> s.address().getPort()).toArray();
        reach(registry, DNS, "127.0.0.0/8", "probe.contoso.test", ports[0], ports);
        TestUser.register(registry);
    }

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(ScriptedSmtpServer::close);
        DNS.close();
    }

    @Test
    void everyOutcomeHasPlainWordsForTheCustomer() throws Exception {
        var seen = EnumSet.noneOf(Outcome.class);
        for (var entry : SERVERS.entrySet()) {
            var id = app.startAndFinish("""
                    {"domain": "nouser.test", "rcptTo": ["nobody-here@nouser.test"], "mailFrom": "helpdesk@contoso.test",
                     "host": "127.0.0.1", "port": %d, "tls": "NONE"}""".formatted(entry.getValue().address().getPort()));
            var result = json.readTree(app.get("/api/probes/" + id).body());

            assertThat(result.get("outcome").asString())
                    .isEqualTo(entry.getKey().name());
            seen.add(entry.getKey());
            var message = result.get("customerMessage").asString();
            assertThat(message).isNotBlank().doesNotContain("{");
            assertThat(JARGON.matcher(message).find()).as(message).isFalse();
            assertThat(result.get("advice").get("user").asString()).isNotBlank();
            if (entry.getKey() == Outcome.BOUNCE) {
                assertThat(message)
                        .isEqualTo("The address nobody-here@nouser.test does not exist at nouser.test. Please check the"
                                + " spelling or ask the recipient for the right address.");
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Outcome.values());
    }
}
