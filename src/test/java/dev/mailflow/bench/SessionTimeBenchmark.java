package dev.mailflow.bench;

import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.egress.TargetProperties;
import dev.mailflow.mail.EhloName;
import dev.mailflow.mail.MailAddress;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.ServerLine;
import dev.mailflow.smtp.SessionListener;
import dev.mailflow.smtp.SessionOptions;
import dev.mailflow.smtp.SessionPlan;
import dev.mailflow.smtp.SmtpSession;
import dev.mailflow.smtp.Timeouts;
import dev.mailflow.smtp.TlsMode;
import dev.mailflow.testing.postfix.PostfixServer;
import dev.mailflow.tls.TlsInspector;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One SMTP session to Debian's Postfix on loopback, up to RCPT, with STARTTLS and without: the
 * engine's own session (TCP_NODELAY, pipelined MAIL+RCPT), timed by the session itself. Prints
 * figures, the session's and each reply's (from the end of the command to the reply, so the wait
 * for the banner, which Postfix delays by its client lookups, can be told apart); asserts nothing.
 * Needs root (Postfix). Arguments: sessions per mode (default 300).
 */
public final class SessionTimeBenchmark {

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        try (var postfix = PostfixServer.start()) {
            var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), postfix.port());
            var policy =
                    new TargetPolicy(new TargetProperties(List.of("127.0.0.0/8"), List.of(), List.of(postfix.port())));
            var tls = new TlsInspector(null);
            for (var mode : List.of(TlsMode.NONE, TlsMode.OPPORTUNISTIC, TlsMode.NONE, TlsMode.OPPORTUNISTIC)) {
                var times = new ArrayList<Double>();
                var replies = new java.util.TreeMap<String, List<Double>>();
                for (int i = 0; i < sessions; i++) {
                    var plan = new SessionPlan(
                            address,
                            PostfixServer.HOST_NAME,
                            EhloName.parse("bench.contoso.test"),
                            MailAddress.parse("helpdesk@contoso.test"),
                            List.of(MailAddress.parse(PostfixServer.KNOWN_USER + "@" + PostfixServer.DOMAIN)),
                            mode,
                            Phase.RCPT,
                            Set.of(),
                            Timeouts.defaults());
                    var result = new SmtpSession(policy::connect, QUIET, tls).run(plan, SessionOptions.defaults());
                    if (result.phase() != Phase.RCPT) {
                        throw new IllegalStateException(
                                "session ended " + result.outcome() + " in " + result.phase() + ": " + result.detail());
                    }
                    times.add(result.took().toNanos() / 1e6);
                    int ehlo = 0;
                    for (var exchange : result.exchanges()) {
                        var step = exchange.phase() == Phase.EHLO
                                        || exchange.command().startsWith("EHLO")
                                ? (ehlo++ == 0 ? "2 EHLO" : "4 EHLO after TLS")
                                : switch (exchange.phase()) {
                                    case BANNER -> "1 banner";
                                    case TLS -> "3 STARTTLS";
                                    case MAIL -> "5 MAIL";
                                    case RCPT -> "6 RCPT";
                                    default -> "7 " + exchange.phase();
                                };
                        replies.computeIfAbsent(step, k -> new ArrayList<>())
                                .add(exchange.reply().took().toNanos() / 1e6);
                    }
                }
                times.sort(null);
                System.out.printf(
                        "%-14s sessions %d  session p50 %.2f ms  p90 %.2f ms%n",
                        mode, sessions, times.get(sessions / 2), times.get(sessions * 9 / 10));
                replies.forEach((step, list) -> {
                    list.sort(null);
                    System.out.printf("    %-18s reply p50 %7.2f ms%n", step.substring(2), list.get(list.size() / 2));
                });
            }
        }
    }

    private static final SessionListener QUIET = new SessionListener() {
        @Override
        public void sent(Phase phase, String line) {}

        @Override
        public void received(Phase phase, ServerLine line) {}

        @Override
        public void note(Phase phase, String text) {}
    };
}
