package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailflow.testing.RunningApp;
import dev.mailflow.testing.TestUser;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.Script;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import dev.mailflow.testing.smtp.SelfSignedTls;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The complete probe, whole application against real servers on loopback: every MX host and
 * address side by side (IPv4 on 127.0.0.x, IPv6 on ::1), the delivery verdict when the first MX
 * refuses, pipelining on and off, RET and ENVID, and AUTH whose password never comes back out.
 */
class CompleteProbeIntegrationTest extends RunningApp {

    static final String PASSWORD = "Sup3r-s3cret-pw";

    /** A host's IPv4 and IPv6 servers on one port number, as a real dual-stack MX host has. */
    record DualStack(ScriptedSmtpServer v4, ScriptedSmtpServer v6, String noIpv6Reason) {

        int port() {
            return v4.address().getPort();
        }

        static DualStack start(UnaryOperator<Script> v4, UnaryOperator<Script> v6) {
            InetAddress ipv6;
            try {
                ipv6 = InetAddress.getByName("::1");
            } catch (IOException e) {
                return new DualStack(ScriptedSmtpServer.start(v4), null, "no IPv6 loopback: " + e.getMessage());
            }
            String reason = null;
            for (int attempt = 0; attempt < 20; attempt++) {
                ScriptedSmtpServer six;
                try {
                    six = ScriptedSmtpServer.startOn(ipv6, 0, v6);
                } catch (IOException e) {
                    reason = "cannot listen on ::1 (" + e.getMessage() + ")";
                    break;
                }
                try {
                    var four = ScriptedSmtpServer.startOn(
                            InetAddress.getLoopbackAddress(), six.address().getPort(), v4);
                    return new DualStack(four, six, null);
                } catch (IOException portTakenOnIpv4) {
                    six.close();
                }
            }
            return new DualStack(ScriptedSmtpServer.start(v4), null, reason);
        }

        void close() {
            v4.close();
            if (v6 != null) {
                v6.close();
            }
        }
    }

    /** Accepts on both families. */
    static final DualStack BOTH_ACCEPT = DualStack.start(s -> s, s -> s);

    /** IPv4 accepts; the IPv6 server is shutting down (421 greeting). */
    static final DualStack IPV6_DEFERS =
            DualStack.start(s -> s, s -> s.banner("421 4.3.2 Service shutting down, try later"));

    /** Advertises DSN and PIPELINING (the default script). */
    static final ScriptedSmtpServer DSN = ScriptedSmtpServer.start();

    static final ScriptedSmtpServer NO_DSN =
            ScriptedSmtpServer.start(s -> s.on("EHLO", "250-nodsn.test", "250 PIPELINING"));

    /** A submission server: AUTH after STARTTLS. */
    static final ScriptedSmtpServer SUBMISSION =
            ScriptedSmtpServer.start(s -> s.startTls(SelfSignedTls.serverContext("submission.test"))
                    .on("EHLO", "250-submission.test", "250-PIPELINING", "250 AUTH PLAIN LOGIN")
                    .on("AUTH", "235 2.7.0 Authentication successful"));

    static final TestDnsServer DNS = TestDnsServer.builder()
            .zone("two.test", """
                    @    MX 10 mx1
                    @    MX 20 mx2
                    mx1  A  127.0.0.3
                    mx2  A  127.0.0.1
                    """)
            .zone("dual.test", """
                    @    MX 10 mx1
                    mx1  A     127.0.0.1
                    mx1  AAAA  ::1
                    """)
            .zone("mixed.test", """
                    @    MX 10 mx1
                    @    MX 20 mx2
                    mx1  A     127.0.0.3
                    mx1  AAAA  ::1
                    mx2  A     127.0.0.1
                    mx2  AAAA  ::1
                    """)
            .start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestUser.register(registry);
        reach(
                registry,
                DNS,
                "127.0.0.0/8,::1/128",
                "probe.contoso.test",
                BOTH_ACCEPT.port(),
                BOTH_ACCEPT.port(),
                IPV6_DEFERS.port(),
                DSN.address().getPort(),
                NO_DSN.address().getPort(),
                SUBMISSION.address().getPort());
    }

    @AfterAll
    static void stopServers() {
        BOTH_ACCEPT.close();
        IPV6_DEFERS.close();
        DSN.close();
        NO_DSN.close();
        SUBMISSION.close();
        DNS.close();
    }

    @Test
    void whenTheFirstMxRefusesTheSecondDeliversAndBothAreShown() throws Exception {
        var id = app.startAndFinish("""
                {"rcptTo": ["kate@two.test"], "mailFrom": "helpdesk@contoso.test"}
                """);
        var result = result(id);

        assertThat(result.get("verdict").asString())
                .startsWith("Would be delivered: mx2.two.test accepts mail to kate@two.test")
                .contains("(mx1.two.test refused the connection)");
        var sessions = result.get("sessions");
        assertThat(sessions.size()).isEqualTo(2);
        assertThat(outcomes(sessions)).containsExactlyInAnyOrder("mx1.two.test REFUSED", "mx2.two.test COMPLETED");

        var page = app.get("/probes/" + id).body();
        assertThat(page)
                .contains("Sessions side by side")
                .contains("mx1.two.test", "127.0.0.3", "refused")
                .contains("mx2.two.test", "completed");
    }

    @Test
    void aHostWithAnIpv6AddressIsProbedOverIpv6AndShownBesideIpv4() throws Exception {
        assumeTrue(BOTH_ACCEPT.v6() != null, () -> "IPv6 skipped: " + BOTH_ACCEPT.noIpv6Reason());
        var id = app.startAndFinish("""
                {"rcptTo": ["kate@dual.test"], "mailFrom": "helpdesk@contoso.test"}
                """);
        var result = result(id);

        var sessions = result.get("sessions");
        assertThat(sessions.size()).isEqualTo(2);
        var addresses = new ArrayList<String>();
        sessions.forEach(s -> {
            addresses.add(s.get("address").asString());
            assertThat(s.get("outcome").asString()).isEqualTo("COMPLETED");
        });
        assertThat(addresses).containsExactlyInAnyOrder("127.0.0.1", "::1");
        assertThat(BOTH_ACCEPT.v6().received()).contains("RCPT TO:<kate@dual.test>");

        var page = app.get("/probes/" + id).body();
        assertThat(page).contains("IPv4").contains("IPv6");
    }

    @Test
    void twoHostsWithBothFamiliesSomeFailingAreAllSideBySideWithTheRightVerdict() throws Exception {
        assumeTrue(IPV6_DEFERS.v6() != null, () -> "IPv6 skipped: " + IPV6_DEFERS.noIpv6Reason());
        var id = app.startAndFinish("""
                {"rcptTo": ["kate@mixed.test"], "mailFrom": "helpdesk@contoso.test", "port": %d}
                """.formatted(IPV6_DEFERS.port()));
        var result = result(id);

        assertThat(outcomes(result.get("sessions")))
                .containsExactlyInAnyOrder(
                        "mx1.mixed.test REFUSED",
                        "mx1.mixed.test DEFERRED",
                        "mx2.mixed.test COMPLETED",
                        "mx2.mixed.test DEFERRED");
        assertThat(result.get("verdict").asString())
                .startsWith("Would be delivered: mx2.mixed.test accepts mail to kate@mixed.test")
                .contains("mx1.mixed.test refused the connection");

        var page = app.get("/probes/" + id).body();
        assertThat(page).contains("IPv4", "IPv6", "refused", "deferred", "completed", "421");

        // Live: each session's start and end carries the matrix, swapped in by id.
        var stream = app.get("/probes/" + id + "/stream?after=0").body();
        assertThat(stream)
                .contains("event:outcome")
                .contains("hx-swap-oob=\"true\"")
                .contains("matrix-" + id);
    }

    @Test
    void pipeliningSendsMailAndRcptBeforeReadingAndCanBeTurnedOff() throws Exception {
        var on = transcript(result(app.startAndFinish(explicit(DSN, ""))));
        assertThat(on.subList(
                        on.indexOf("C MAIL FROM:<helpdesk@contoso.test>"),
                        on.indexOf("C MAIL FROM:<helpdesk@contoso.test>") + 3))
                .containsExactly(
                        "C MAIL FROM:<helpdesk@contoso.test>", "C RCPT TO:<kate@example.test>", "S 250 2.1.0 Ok");

        var off = transcript(result(app.startAndFinish(explicit(DSN, ", \"pipelining\": false"))));
        assertThat(off.subList(
                        off.indexOf("C MAIL FROM:<helpdesk@contoso.test>"),
                        off.indexOf("C MAIL FROM:<helpdesk@contoso.test>") + 3))
                .containsExactly(
                        "C MAIL FROM:<helpdesk@contoso.test>", "S 250 2.1.0 Ok", "C RCPT TO:<kate@example.test>");
    }

    @Test
    void retAndEnvidAreOnTheWireOnlyWhenDsnIsAdvertised() throws Exception {
        var options = ", \"notify\": [\"FAILURE\"], \"ret\": \"FULL\", \"envid\": \"probe-42\"";
        app.startAndFinish(explicit(DSN, options));
        assertThat(DSN.received()).contains("MAIL FROM:<helpdesk@contoso.test> RET=FULL ENVID=probe-42");

        var id = app.startAndFinish(explicit(NO_DSN, options));
        assertThat(NO_DSN.received()).contains("MAIL FROM:<helpdesk@contoso.test>");
        assertThat(String.join("\n", NO_DSN.received())).doesNotContain("RET=").doesNotContain("ENVID=");
        assertThat(result(id).get("request").get("ret").asString()).isEqualTo("FULL");
    }

    @Test
    void credentialsAreNotSentOverTlsThatIsNotTrustedAndTheFindingSaysWhy() throws Exception {
        var before = SUBMISSION.received().size();
        var id = app.startAndFinish(explicit(SUBMISSION, """
                , "tls": "REQUIRED", "auth": {"username": "kate", "password": "%s"}""".formatted(PASSWORD)));
        var result = result(id);

        var session = result.get("sessions").get(0);
        assertThat(session.get("outcome").asString()).isEqualTo("TLS_FAILED");
        assertThat(session.get("phase").asString()).isEqualTo("AUTH");
        var received = SUBMISSION.received();
        assertThat(received.subList(before, received.size()))
                .contains("STARTTLS")
                .noneMatch(l -> l.startsWith("AUTH"));
        assertThat(result.get("findings").valueStream().map(f -> f.get("id").asString()))
                .contains("auth.untrusted-tls-refused");
    }

    @Test
    void authOverTlsNeverShowsThePassword() throws Exception {
        // The scripted server's certificate is self-signed for submission.test: a lab server, so the
        // request opts in, and the run says loudly that the credentials went out unprotected.
        var id = app.startAndFinish(explicit(SUBMISSION, """
                , "tls": "REQUIRED", "auth": {"username": "kate", "password": "%s", "untrustedTls": true}""".formatted(PASSWORD)));
        var resultText = app.get("/api/probes/" + id).body();
        var result = json.readTree(resultText);

        assertThat(result.get("sessions").get(0).get("outcome").asString()).isEqualTo("COMPLETED");
        assertThat(SUBMISSION.received()).anyMatch(l -> l.startsWith("AUTH "));
        assertThat(result.get("request").get("auth").get("username").asString()).isEqualTo("kate");
        assertThat(result.get("request").get("auth").has("password")).isFalse();
        assertThat(result.get("findings").valueStream().map(f -> f.get("id").asString()))
                .contains("auth.untrusted-tls-sent");

        var everything = resultText
                + app.get("/api/probes/" + id + "/events").body()
                + app.get("/probes/" + id).body()
                + app.get("/probes/" + id + "/stream?after=0").body()
                + app.get("/probes/" + id + "/transcript.txt").body();
        var plain = Base64.getEncoder().encodeToString(("\0kate\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        var login = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
        assertThat(everything).contains("****").doesNotContain(PASSWORD, plain, login);
    }

    @Test
    void credentialsWithoutTlsAreRefusedBeforeAnythingIsContacted() throws Exception {
        var response = app.post("/api/probes", explicit(SUBMISSION, """
                , "tls": "OPPORTUNISTIC", "auth": {"username": "kate", "password": "%s"}""".formatted(PASSWORD)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("auth").contains("credentials are only sent over TLS");
        assertThat(response.body()).doesNotContain(PASSWORD);
    }

    private static String explicit(ScriptedSmtpServer server, String more) {
        return """
                {"rcptTo": ["kate@example.test"], "mailFrom": "helpdesk@contoso.test", "host": "127.0.0.1",
                 "port": %d%s}
                """.formatted(server.address().getPort(), more);
    }

    private static List<String> outcomes(JsonNode sessions) {
        var list = new ArrayList<String>();
        sessions.forEach(
                s -> list.add(s.get("host").asString() + " " + s.get("outcome").asString()));
        return list;
    }

    private static List<String> transcript(JsonNode result) {
        var lines = new ArrayList<String>();
        result.get("sessions").get(0).get("transcript").forEach(l -> {
            if (!l.get("dir").asString().equals("I")) {
                lines.add(l.get("dir").asString() + " " + l.get("text").asString());
            }
        });
        return lines;
    }

    private JsonNode result(String id) throws Exception {
        return json.readTree(app.get("/api/probes/" + id).body());
    }
}
