package dev.mailflow.inbox;

import dev.mailflow.dns.HostLiteral;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.springframework.context.SmartLifecycle;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * The receiving SMTP server (subethasmtp), started with the application when {@code
 * mailflow.inbox.enabled}: STARTTLS offered (never required: the report says when a sender did
 * without), one virtual thread per connection, the bounds of {@link InboxProperties.Limits}, and
 * {@link Reception} for every mail transaction.
 */
final class InboxListener implements SmartLifecycle {

    private final InboxProperties properties;
    private final Arrivals arrivals;
    private final SourceGate gate;
    private final SSLContext tls;
    private ExecutorService sessions;
    private SMTPServer server;

    InboxListener(InboxProperties properties, Arrivals arrivals, SourceGate gate) {
        this.properties = properties;
        this.arrivals = arrivals;
        this.gate = gate;
        // STARTTLS with the configured certificate, or one made for the domain at start (see ServerTls).
        this.tls = ServerTls.context(properties.tls(), properties.domain());
    }

    @Override
    public synchronized void start() {
        var limits = properties.limits();
        sessions = Executors.newVirtualThreadPerTaskExecutor();
        var reading = new Semaphore(limits.messagesAtOnce());
        server = SMTPServer.port(properties.port())
                .bindAddress(bindAddress())
                .hostName(properties.domain())
                .softwareName("mailflow test mailbox")
                .executorService(sessions)
                .enableTLS()
                .startTlsSocketFactory(tls)
                .insertReceivedHeaders()
                .maxConnections(limits.maxConnections())
                .connectionTimeout((int) limits.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // One recipient is taken per message; the rest are refused by Reception, a few at most by the gate.
                .maxRecipients(limits.maxRefusals() + 1)
                .maxMessageSize((int) properties.maxMessageSize().toBytes())
                .sessionHandler(gate)
                .messageHandlerFactory(context -> {
                    var session = (Session) context;
                    return new Reception(
                            session,
                            gate.visit(session),
                            arrivals,
                            limits.maxRefusals(),
                            properties.maxMessageSize().toBytes(),
                            reading);
                })
                .build();
        server.start();
    }

    /** The port the listener took (the configured one, or the one the system chose for port 0). */
    synchronized int port() {
        return server.getPortAllocated();
    }

    private Optional<InetAddress> bindAddress() {
        if (properties.address().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(HostLiteral.parse(properties.address())
                .orElseThrow(() -> new IllegalArgumentException(
                        "mailflow.inbox.address: '" + properties.address() + "' is not an IP address")));
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (sessions != null) {
            sessions.shutdownNow();
        }
        gate.stop();
        arrivals.stop();
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }
}
