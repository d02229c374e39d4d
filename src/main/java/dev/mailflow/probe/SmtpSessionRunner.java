package dev.mailflow.probe;

import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.mail.TestMessage;
import dev.mailflow.smtp.SessionListener;
import dev.mailflow.smtp.SessionOptions;
import dev.mailflow.smtp.SessionPlan;
import dev.mailflow.smtp.SessionResult;
import dev.mailflow.smtp.SmtpSession;
import dev.mailflow.smtp.Timeouts;
import dev.mailflow.tls.TlsHandshaker;
import java.time.Clock;
import java.time.Duration;

/** Runs a real SMTP session; every connection goes through the target policy's guarded connect. */
final class SmtpSessionRunner implements SessionRunner {

    /** Message-IDs need a domain; an address-literal EHLO name has none (RFC 5322 §3.6.4). */
    private static final String FALLBACK_MESSAGE_ID_DOMAIN = "mailflow.invalid";

    private final TargetPolicy targets;
    private final TlsHandshaker tls;
    private final Timeouts timeouts;
    private final Clock clock;

    SmtpSessionRunner(TargetPolicy targets, TlsHandshaker tls, Timeouts timeouts, Clock clock) {
        this.targets = targets;
        this.tls = tls;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    @Override
    public SessionResult run(
            ValidatedProbe probe,
            SessionOptions.Credentials credentials,
            Target target,
            SessionListener listener,
            Duration timeLeft) {
        var plan = new SessionPlan(
                target.socketAddress(),
                target.host().name(),
                probe.ehlo(),
                probe.mailFrom(),
                probe.rcptTo(),
                probe.tls(),
                probe.quitAfter(),
                probe.dsnNotify(),
                timeLeft == null ? timeouts : within(timeLeft));
        var options = SessionOptions.defaults()
                .withPipelining(probe.pipelining())
                .withRet(probe.ret())
                .withEnvelopeId(probe.envid())
                .withCredentials(credentials);
        if (probe.message() != null) {
            var ehlo = probe.ehlo().value();
            var message = TestMessage.of(
                    probe.mailFrom(),
                    probe.rcptTo(),
                    probe.message().subject(),
                    probe.message().body(),
                    clock,
                    ehlo.startsWith("[") ? FALLBACK_MESSAGE_ID_DOMAIN : ehlo);
            options = options.withMessage(message.dataBytes(), message.size(), message.needs8bit());
        }
        return new SmtpSession(targets::connect, listener, tls).run(plan, options);
    }

    /** The configured timeouts, none longer than {@code timeLeft} (at least a millisecond). */
    private Timeouts within(Duration timeLeft) {
        var left = timeLeft.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : timeLeft;
        return new Timeouts(
                min(timeouts.connect(), left),
                min(timeouts.banner(), left),
                min(timeouts.command(), left),
                min(timeouts.data(), left),
                min(timeouts.total(), left));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
