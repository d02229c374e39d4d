package dev.mailflow.smtp;

import static dev.mailflow.smtp.SessionOutcome.PROTOCOL_ERROR;
import static dev.mailflow.smtp.SessionOutcome.TLS_FAILED;

import dev.mailflow.tls.TlsFacts;
import dev.mailflow.tls.TlsHandshaker;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** One connection attempt of a {@link SmtpSession}, from connect to QUIT. */
final class Dialogue {

    /** The collaborators a dialogue needs, passed around as one value. */
    record Parts(Connector connector, SessionListener listener, TlsHandshaker handshaker) {}

    private static final Duration QUIT_WAIT = Duration.ofSeconds(5);

    private final Parts parts;
    private final SessionPlan plan;
    private final SessionOptions options;
    private final TlsMode tls;
    private final Transcript transcript;
    private final Deadline deadline;
    private Connection connection;
    private TlsFacts tlsFacts;
    private Phase at = Phase.CONNECT;

    Dialogue(
            Parts parts,
            SessionPlan plan,
            SessionOptions options,
            TlsMode tls,
            Transcript transcript,
            Deadline deadline) {
        this.parts = parts;
        this.plan = plan;
        this.options = options;
        this.tls = tls;
        this.transcript = transcript;
        this.deadline = deadline;
    }

    /**
     * The dialogue, straight through; each step either goes on or stops the session:
     *
     * <ol>
     *   <li>Connect within the connect timeout; at stop-point CONNECT, close without reading.
     *   <li>IMPLICIT TLS: handshake before the banner (RFC 8314 §3.3).
     *   <li>Banner: 2xx goes on, 4xx defers, 5xx rejects (RFC 5321 §3.1, §4.3.2).
     *   <li>EHLO; HELO only when the server does not know EHLO.
     *   <li>STARTTLS per the TLS mode, then EHLO again (RFC 3207 §4.2).
     *   <li>AUTH when credentials are given, only over TLS that is trusted and names the server
     *       (RFC 4954 §4, RFC 6125), unless the request opted in for a lab server.
     *   <li>MAIL FROM, RCPT TO per recipient, DATA: see {@link Envelope}.
     *   <li>QUIT whenever the connection is still in step (not after a timeout, EOF or I/O failure).
     * </ol>
     */
    Ending run() {
        Phase stop = plan.quitAfter();
        var timeouts = plan.timeouts();
        try {
            connect();
            if (stop == Phase.CONNECT) {
                return Ending.completed(Phase.CONNECT, "connected, then closed as planned");
            }
            if (tls == TlsMode.IMPLICIT) {
                handshake();
            }
            at = Phase.BANNER;
            var banner = connection.await(Phase.BANNER, "", timeouts.banner());
            SessionStop.expectPositive(Phase.BANNER, banner);
            if (stop == Phase.BANNER) {
                return completedAt(stop);
            }
            at = Phase.EHLO;
            var extensions = greet();
            if (stop == Phase.EHLO) {
                return completedAt(stop);
            }
            at = Phase.TLS;
            if (tls == TlsMode.OPPORTUNISTIC || tls == TlsMode.REQUIRED) {
                extensions = startTls(extensions);
            }
            if (stop == Phase.TLS) {
                return completedAt(stop);
            }
            at = Phase.AUTH;
            if (options.credentials() != null) {
                CredentialGuard.check(tlsFacts, plan.serverName(), options.credentials(), parts.listener());
                new Authentication(connection, timeouts.command()).authenticate(extensions, options.credentials());
            }
            if (stop == Phase.AUTH) {
                return completedAt(stop);
            }
            at = Phase.MAIL;
            return new Envelope(connection, parts.listener(), plan, options, extensions).run(phase -> at = phase);
        } catch (SessionStop s) {
            return s.ending();
        } catch (IOException e) {
            return SessionStop.forIo(e, at, deadline).ending();
        } finally {
            quit();
        }
    }

    private void connect() throws IOException, SessionStop {
        var wanted = plan.timeouts().connect();
        var bounded = deadline.bound(wanted);
        long started = System.nanoTime();
        try {
            var socket = parts.connector().connect(plan.address(), bounded);
            deadline.guard(socket);
            connection = new Connection(socket, parts.listener(), transcript);
            parts.listener().connected(connection.connected(Duration.ofNanos(System.nanoTime() - started)));
        } catch (SocketTimeoutException e) {
            if (bounded.compareTo(wanted) < 0) {
                throw new SessionStop(
                        SessionOutcome.DEADLINE, Phase.CONNECT, "the session's total deadline passed while connecting");
            }
            throw new SessionStop(SessionOutcome.TIMED_OUT, Phase.CONNECT, "no answer to the connection attempt");
        }
    }

    private Extensions greet() throws IOException, SessionStop {
        var extensions = Greeting.greet(connection, plan.ehlo(), plan.timeouts().command(), parts.listener());
        transcript.extensions(extensions);
        return extensions;
    }

    private Extensions startTls(Extensions extensions) throws IOException, SessionStop {
        boolean required = tls == TlsMode.REQUIRED;
        if (!extensions.has("STARTTLS")) {
            if (required) {
                throw new SessionStop(TLS_FAILED, Phase.TLS, "TLS is required and the server does not offer STARTTLS");
            }
            parts.listener().note(Phase.TLS, "the server does not offer STARTTLS; going on without TLS");
            return extensions;
        }
        var reply =
                connection.command(Phase.TLS, Commands.STARTTLS, plan.timeouts().command());
        if (reply.code() != 220 || reply.isMalformed()) {
            if (required || reply.isMalformed() || reply.code() == 421) {
                var stop = SessionStop.forReply(Phase.TLS, reply).ending();
                throw new SessionStop(required ? TLS_FAILED : stop.outcome(), Phase.TLS, stop.detail());
            }
            parts.listener().note(Phase.TLS, "STARTTLS was refused; going on without TLS");
            return extensions;
        }
        // RFC 3207 §5: anything the server sent after its 220 and before the handshake is an
        // injection attempt (CVE-2011-0411); it must never be read as a reply after TLS.
        if (connection.hasUnreadBytes()) {
            connection.markBroken();
            throw new SessionStop(
                    PROTOCOL_ERROR,
                    Phase.TLS,
                    "the server sent more data right after its 220 to STARTTLS (a STARTTLS injection); stopped");
        }
        handshake();
        // RFC 3207 §4.2: forget everything learnt before TLS and greet again.
        transcript.extensions(Extensions.NONE);
        return greet();
    }

    private void handshake() throws IOException, SessionStop {
        at = Phase.TLS;
        var handshaker = parts.handshaker();
        try {
            var secured = handshaker.handshake(
                    connection.plainSocket(), plan.serverName(), plan.timeouts().command());
            var facts = handshaker.facts(secured.getSession(), plan.serverName());
            tlsFacts = facts;
            transcript.tls(facts);
            parts.listener().tls(facts);
            connection.upgrade(secured);
        } catch (IOException e) {
            connection.markBroken();
            var facts = handshaker.failure(plan.serverName(), e);
            transcript.tls(facts);
            parts.listener().tls(facts);
            if (deadline.passed()) {
                throw SessionStop.forIo(e, Phase.TLS, deadline);
            }
            String why = "the TLS handshake failed: " + e.getMessage();
            throw new SessionStop(new Ending(TLS_FAILED, Phase.TLS, why, tls == TlsMode.OPPORTUNISTIC));
        }
    }

    private Ending completedAt(Phase phase) {
        return Ending.completed(phase, "stopped after " + phase + " as planned");
    }

    private void quit() {
        if (connection == null) {
            return;
        }
        try {
            if (plan.quitAfter() != Phase.CONNECT && connection.usable()) {
                var wait = plan.timeouts().command().compareTo(QUIT_WAIT) < 0
                        ? plan.timeouts().command()
                        : QUIT_WAIT;
                connection.command(Phase.QUIT, Commands.QUIT, wait);
            }
        } catch (IOException e) {
            // RFC 5321 §4.1.1.10: QUIT only ends the session; its failure changes nothing.
        } finally {
            connection.close();
        }
    }
}
