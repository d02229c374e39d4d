package dev.mailflow.posture;

import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.text.AddressText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.xbill.DNS.Name;

/**
 * Fetches {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (RFC 8461 §3.3): a plain
 * HTTP/1.1 GET over a connection opened by the target policy to an address mailflow resolved and
 * checked itself, so the policy host is judged like any MX address and no system name lookup can
 * answer differently (this is why it is not {@code java.net.http}, which resolves names itself).
 * The certificate must be trusted and name the host; redirects are not followed (§3.3); the body
 * is capped; connect, handshake and every read, for every address tried, share one deadline. A
 * socket timeout bounds only silence, and a host that drips a byte a second never trips it, so a
 * watchdog closes the connection when the deadline passes, whatever it is doing.
 */
final class PolicyFetcher {

    static final String PATH = "/.well-known/mta-sts.txt";
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final TargetPolicy egress;
    private final Lookups dns;
    private final SSLSocketFactory tls;
    private final int port;
    private final Duration timeout;
    private final int maxBytes;

    PolicyFetcher(TargetPolicy egress, Lookups dns, SSLSocketFactory tls, int port, Duration timeout, int maxBytes) {
        this.egress = egress;
        this.dns = dns;
        this.tls = tls;
        this.port = port;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    enum Status {
        OK,
        NO_ADDRESS,
        UNREACHABLE,
        TLS_FAILED,
        HTTP_STATUS,
        REDIRECT,
        WRONG_TYPE,
        TOO_BIG
    }

    /** @param detail a short sentence on anything but OK */
    record Fetched(Status status, String body, String detail) {}

    Fetched fetch(Name host) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String shown = Lookups.shown(host);
        var addresses = dns.addresses(host);
        if (addresses.list().isEmpty()) {
            return new Fetched(
                    Status.NO_ADDRESS,
                    null,
                    addresses.failed() ? "the address lookup of " + shown + " failed" : shown + " has no address");
        }
        Fetched last = null;
        for (InetAddress address : addresses.list()) {
            if (System.nanoTime() >= deadline) {
                break;
            }
            last = fetchFrom(shown, address, deadline);
            if (last.status() != Status.UNREACHABLE) {
                return last;
            }
        }
        return last;
    }

    private Fetched fetchFrom(String host, InetAddress address, long deadline) {
        String where = host + " [" + AddressText.of(address) + "]:" + port;
        Socket plain;
        try {
            plain = egress.connectService(new InetSocketAddress(address, port), Duration.ofMillis(remaining(deadline)));
        } catch (IOException e) {
            return new Fetched(Status.UNREACHABLE, null, "cannot connect to " + where + ": " + e.getMessage());
        }
        var watchdog = new Watchdog(plain, deadline);
        try (plain;
                watchdog;
                SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true)) {
            var parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            // The certificate must be valid for the policy host (RFC 8461 §3.3), as for any HTTPS.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(remaining(deadline));
            try {
                socket.startHandshake();
            } catch (IOException e) {
                if (watchdog.fired()) {
                    return outOfTime(where);
                }
                return new Fetched(Status.TLS_FAILED, null, "TLS with " + where + " failed: " + e.getMessage());
            }
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + PATH + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/plain\r\n"
                            + "User-Agent: mailflow\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(socket, deadline, where);
        } catch (IOException e) {
            if (watchdog.fired()) {
                return outOfTime(where);
            }
            return new Fetched(Status.UNREACHABLE, null, "reading from " + where + " failed: " + e.getMessage());
        }
    }

    private Fetched outOfTime(String where) {
        return new Fetched(
                Status.UNREACHABLE,
                null,
                where + " did not deliver the policy within " + timeout.toMillis()
                        + " ms (mailflow.posture.policy-timeout); the connection was closed");
    }

    /** Closes the connection at the deadline, which fails a read or a handshake blocked on it at once. */
    private static final class Watchdog implements AutoCloseable {

        private final Thread thread;
        private volatile boolean fired;

        Watchdog(Socket socket, long deadline) {
            thread = Thread.ofVirtual().name("mta-sts-deadline").start(() -> {
                try {
                    Thread.sleep(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                } catch (InterruptedException finishedInTime) {
                    return;
                }
                fired = true;
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing is the point; nothing is left to do when it fails.
                }
            });
        }

        boolean fired() {
            return fired;
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    private Fetched read(SSLSocket socket, long deadline, String where) throws IOException {
        InputStream in = socket.getInputStream();
        var head = HttpHead.read(in, MAX_HEADER_BYTES, () -> socket.setSoTimeout(remaining(deadline)));
        if (head.status() >= 300 && head.status() < 400) {
            return new Fetched(
                    Status.REDIRECT,
                    null,
                    where + " answered " + head.status() + " (a redirect; RFC 8461 §3.3 forbids following it)");
        }
        if (head.status() != 200) {
            return new Fetched(Status.HTTP_STATUS, null, where + " answered HTTP " + head.status());
        }
        String type = head.header("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).matches("text/plain\\s*(;.*)?")) {
            return new Fetched(
                    Status.WRONG_TYPE,
                    null,
                    where + " sent the policy as " + (type == null ? "no type" : type) + ", not text/plain");
        }
        var body = new ByteArrayOutputStream();
        boolean complete = HttpHead.body(in, head, body, maxBytes, () -> socket.setSoTimeout(remaining(deadline)));
        if (!complete) {
            return new Fetched(
                    Status.TOO_BIG, null, "the policy at " + where + " is larger than " + maxBytes + " bytes");
        }
        return new Fetched(Status.OK, body.toString(StandardCharsets.UTF_8), null);
    }

    private static int remaining(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new IOException("out of time");
        }
        return (int) Math.min(left, Integer.MAX_VALUE);
    }
}
