package dev.mailflow.smtp;

import dev.mailflow.mail.EhloName;
import dev.mailflow.mail.MailAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Plans and sessions for the component tests: a plain connector and short, generous-enough timeouts. */
final class Sessions {

    static final Connector PLAIN = (address, timeout) -> {
        var socket = new Socket();
        socket.connect(address, (int) timeout.toMillis());
        return socket;
    };

    static final Timeouts FAST = new Timeouts(
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(20));

    private Sessions() {}

    static SmtpSession session(SessionListener listener) {
        return new SmtpSession(PLAIN, listener, new TrustingHandshaker());
    }

    /** A session whose TLS handshakes count as trusted and naming the server. */
    static SmtpSession vouchedSession(SessionListener listener) {
        return new SmtpSession(PLAIN, listener, TrustingHandshaker.vouching());
    }

    static SessionPlan plan(InetSocketAddress address, Phase quitAfter) {
        return plan(address, quitAfter, TlsMode.NONE);
    }

    static SessionPlan plan(InetSocketAddress address, Phase quitAfter, TlsMode tls) {
        return new SessionPlan(
                address,
                "scripted.test",
                EhloName.parse("client.test"),
                MailAddress.parse("helpdesk@contoso.test"),
                List.of(MailAddress.parse("kate@example.test")),
                tls,
                quitAfter,
                Set.of(),
                FAST);
    }

    static SessionPlan withRecipients(SessionPlan p, String... recipients) {
        return copy(
                p, java.util.Arrays.stream(recipients).map(MailAddress::parse).toList(), p.dsnNotify(), p.timeouts());
    }

    static SessionPlan withTimeouts(SessionPlan p, Timeouts timeouts) {
        return copy(p, p.rcptTo(), p.dsnNotify(), timeouts);
    }

    static SessionPlan withNotify(SessionPlan p, Set<Notify> notify) {
        return copy(p, p.rcptTo(), notify, p.timeouts());
    }

    private static SessionPlan copy(SessionPlan p, List<MailAddress> rcptTo, Set<Notify> notify, Timeouts timeouts) {
        return new SessionPlan(
                p.address(), p.serverName(), p.ehlo(), p.mailFrom(), rcptTo, p.tls(), p.quitAfter(), notify, timeouts);
    }
}
