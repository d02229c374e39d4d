package dev.mailflow.testing.https;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 and a random port in front of a real server: what the client sends goes
 * through at once, what the server answers comes back one byte per {@code pace} (a TLS handshake
 * dripped a byte a second, which no socket timeout ever trips). Counts the client connections
 * still open, so a test can see that the client closed its side.
 */
public final class DripProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final Duration pace;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();

    public DripProxy(int serverPort, Duration pace) {
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
        this.pace = pace;
        Thread.ofVirtual().name("drip-proxy").start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Client connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Client connections the client has not closed yet. */
    public int open() {
        return open.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                var client = listener.accept();
                accepted.incrementAndGet();
                open.incrementAndGet();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try (client;
                var upstream = new Socket()) {
            upstream.connect(server, 5000);
            var drip = Thread.ofVirtual().start(() -> drip(upstream, client));
            copy(client.getInputStream(), upstream.getOutputStream());
            drip.interrupt();
        } catch (IOException ended) {
            // The client or the server went away: the relay ends with it.
        } finally {
            open.decrementAndGet();
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        var buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    private void drip(Socket upstream, Socket client) {
        try {
            var in = upstream.getInputStream();
            var out = client.getOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                Thread.sleep(pace);
                out.write(b);
                out.flush();
            }
        } catch (IOException | InterruptedException ended) {
            // Either side closed.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Nothing listens any more either way.
        }
    }
}
