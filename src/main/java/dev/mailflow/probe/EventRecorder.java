package dev.mailflow.probe;

import dev.mailflow.probe.ProbeEvent.Kind;
import dev.mailflow.smtp.Connected;
import dev.mailflow.smtp.Exchange;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.ServerLine;
import dev.mailflow.smtp.SessionListener;
import dev.mailflow.smtp.SmtpReply;
import dev.mailflow.tls.TlsFacts;

/** Writes one session's lines into its run as events, tagged with the session key. */
record EventRecorder(ProbeRun run, String session) implements SessionListener {

    @Override
    public void sent(Phase phase, String line) {
        run.append(session, phase, Kind.SENT, line);
    }

    @Override
    public void received(Phase phase, ServerLine line) {
        run.append(session, phase, Kind.RECEIVED, line.text(), reply(line));
    }

    @Override
    public void note(Phase phase, String text) {
        run.append(session, phase, Kind.INFO, text);
    }

    @Override
    public void reply(Phase phase, SmtpReply reply) {
        run.replied(session, new Exchange(phase, "", reply));
    }

    @Override
    public void connected(Connected connected) {
        run.append(
                session,
                Phase.CONNECT,
                Kind.INFO,
                connected.note(),
                new EventDetail.Connected(
                        Connected.endpoint(connected.local()),
                        Connected.endpoint(connected.remote()),
                        connected.took().toMillis()));
    }

    @Override
    public void tls(TlsFacts facts) {
        run.append(session, Phase.TLS, Kind.TLS, describe(facts), new EventDetail.Tls(facts));
    }

    private static EventDetail.Reply reply(ServerLine line) {
        var reply = line.completes();
        if (reply == null) {
            return line.code() == 0 ? null : new EventDetail.Reply(line.code(), null, null);
        }
        return new EventDetail.Reply(
                line.code(), reply.enhancedStatus().orElse(null), reply.took().toMillis());
    }

    static String describe(TlsFacts facts) {
        if (facts.failure() != null) {
            return "TLS handshake failed: " + facts.failure();
        }
        var text = new StringBuilder(facts.protocol() + " " + facts.cipherSuite());
        text.append(facts.trusted() ? "; certificate trusted" : "; certificate not trusted: " + facts.trustProblem());
        if (facts.hostnameMatches() != null) {
            text.append(facts.hostnameMatches() ? "; host name matches" : "; host name does not match");
        }
        if (facts.daysUntilExpiry() != null) {
            text.append(
                    facts.daysUntilExpiry() < 0
                            ? "; expired " + -facts.daysUntilExpiry() + " days ago"
                            : "; expires in " + facts.daysUntilExpiry() + " days");
        }
        return text.toString();
    }
}
