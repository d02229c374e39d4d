package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.dns.DnsOutcome;
import dev.mailflow.dns.HostLiteral;
import dev.mailflow.dns.MxHost;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.probe.TestRuns;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.SessionResult;
import dev.mailflow.smtp.SmtpReply;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionMatrixTest {

    static SessionFacts session(String host, String address, int preference, SessionResult result) {
        return new SessionFacts(
                host + "/" + address + ":25", host, HostLiteral.parse(address).orElseThrow(), 25, preference, result);
    }

    /** One session to mx.example.test whose MAIL was refused (530), then {@code later} exchanges. */
    private static SessionMatrix refusedAtMail(Exchange... later) {
        var exchanges = new ArrayList<>(
                List.of(exchange(Phase.BANNER, 220, 1), exchange(Phase.EHLO, 250, 1), exchange(Phase.MAIL, 530, 2)));
        exchanges.addAll(List.of(later));
        return SessionMatrix.of(
                List.of(session(
                        "mx.example.test",
                        "127.0.0.1",
                        10,
                        result(SessionOutcome.REJECTED, Phase.MAIL, exchanges.toArray(Exchange[]::new)))),
                Map.of(),
                Set.of(),
                Optional.empty());
    }

    static Exchange exchange(Phase phase, int code, long ms) {
        return new Exchange(
                phase, phase.name(), new SmtpReply(code, null, List.of(code + " ok"), Duration.ofMillis(ms), Set.of()));
    }

    static SessionResult result(SessionOutcome outcome, Phase phase, Exchange... exchanges) {
        return new SessionResult(outcome, phase, null, List.of(exchanges), Map.of(), null, Duration.ofMillis(50));
    }

    static MxHost mx(int preference, String name, String... addresses) throws UnknownHostException {
        var list = new java.util.ArrayList<InetAddress>();
        for (var address : addresses) {
            list.add(InetAddress.getByName(address));
        }
        return new MxHost(preference, name, list, Duration.ofMillis(1), Set.of());
    }

    @Test
    void eachSessionIsARowWithOneCellPerPhase() throws Exception {
        var matrix = SessionMatrix.of(
                List.of(
                        session(
                                "mx2.example.test",
                                "127.0.0.1",
                                20,
                                result(
                                        SessionOutcome.COMPLETED,
                                        Phase.RCPT,
                                        exchange(Phase.BANNER, 220, 4),
                                        exchange(Phase.EHLO, 250, 3),
                                        exchange(Phase.MAIL, 250, 2),
                                        exchange(Phase.RCPT, 250, 5),
                                        exchange(Phase.RCPT, 550, 6))),
                        session("mx1.example.test", "::1", 10, result(SessionOutcome.REFUSED, Phase.CONNECT)),
                        session("mx1.example.test", "127.0.0.3", 10, null)),
                Map.of(),
                Set.of(),
                Optional.of(new MxPlan(
                        "example.test",
                        DnsOutcome.OK,
                        List.of(
                                mx(10, "mx1.example.test", "::1", "127.0.0.3"),
                                mx(20, "mx2.example.test", "127.0.0.1")),
                        Duration.ofMillis(5),
                        null)));

        assertThat(matrix.phases()).containsExactly(Phase.CONNECT, Phase.BANNER, Phase.EHLO, Phase.MAIL, Phase.RCPT);
        assertThat(matrix.rows())
                .extracting(SessionMatrix.Row::host, SessionMatrix.Row::family, SessionMatrix.Row::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mx1.example.test", "IPv6", "refused"),
                        org.assertj.core.groups.Tuple.tuple("mx1.example.test", "IPv4", "running"),
                        org.assertj.core.groups.Tuple.tuple("mx2.example.test", "IPv4", "completed"));

        var refused = matrix.rows().get(0).cells();
        assertThat(refused).extracting(Cell::state).containsExactly("fail", "none", "none", "none", "none");
        assertThat(refused.get(0).word()).isEqualTo("refused");
        assertThat(matrix.rows().get(1).cells()).allMatch(c -> c.state().equals("pending"));

        var completed = matrix.rows().get(2).cells();
        assertThat(completed).extracting(Cell::word).containsExactly("connected", "220", "250", "250", "550");
        assertThat(completed.get(4).ms()).isEqualTo(11L);
        assertThat(completed).allMatch(c -> c.state().equals("ok"));
        assertThat(matrix.ties()).isEmpty();
    }

    @Test
    void aFailureNamesItsReplyAndTheLaterPhasesAreNotReached() {
        var matrix = refusedAtMail();

        var cells = matrix.rows().getFirst().cells();
        assertThat(cells.get(3)).isEqualTo(new Cell("fail", "530 rejected", 2L, null));
        assertThat(cells.get(4)).isEqualTo(new Cell("none", "not reached", null, null));
        assertThat(matrix.rows().getFirst().endedIn()).isEqualTo("MAIL");
    }

    @Test
    void hostsSharingAPreferenceAreATie() throws Exception {
        var plan = new MxPlan(
                "example.test",
                DnsOutcome.OK,
                List.of(
                        mx(10, "mx1.example.test", "127.0.0.1", "::1"),
                        mx(10, "mx2.example.test", "127.0.0.2"),
                        mx(20, "mx3.example.test", "127.0.0.3")),
                Duration.ofMillis(5),
                null);
        var matrix = SessionMatrix.of(
                List.of(
                        session("mx1.example.test", "127.0.0.1", 10, null),
                        session("mx1.example.test", "::1", 10, null),
                        session("mx2.example.test", "127.0.0.2", 10, null),
                        session("mx3.example.test", "127.0.0.3", 20, null)),
                Map.of(),
                Set.of(),
                Optional.of(plan));

        assertThat(matrix.ties()).containsExactly(new MxPlan.Tie(10, List.of("mx1.example.test", "mx2.example.test")));
    }

    @Test
    void aRcptAnsweredAfterARefusedMailIsShownAsVoidNotAsNotReached() {
        var matrix = refusedAtMail(exchange(Phase.RCPT, 250, 1));

        var rcpt = matrix.rows().getFirst().cells().get(4);
        assertThat(rcpt.state()).isEqualTo("void");
        assertThat(rcpt.word()).isEqualTo("250 void");
        assertThat(rcpt.note()).contains("MAIL was refused");
    }

    @Test
    void aRunningSessionFillsInPhaseByPhaseFromItsRepliesSoFar() {
        var running = session("mx.example.test", "127.0.0.1", 10, null);
        var progress = Map.of(running.key(), List.of(exchange(Phase.BANNER, 220, 4000), exchange(Phase.EHLO, 250, 3)));

        var matrix = SessionMatrix.of(List.of(running), progress, Set.of(Phase.TLS), Optional.empty());

        assertThat(matrix.phases())
                .containsExactly(Phase.CONNECT, Phase.BANNER, Phase.EHLO, Phase.TLS, Phase.MAIL, Phase.RCPT);
        assertThat(matrix.rows().getFirst().cells())
                .extracting(Cell::word)
                .containsExactly("connected", "220", "250", "…", "…", "…");
        assertThat(matrix.rows().getFirst().cells().get(1).ms()).isEqualTo(4000L);
    }

    @Test
    void theTlsColumnIsReservedUnlessTlsIsOff() {
        var request = TestRuns.request();
        assertThat(SessionMatrix.reserved(request)).containsExactly(Phase.TLS);
    }
}
