package dev.mailflow.testing.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny SMTP server for tests, on 127.0.0.1 (or another loopback address, {@link #startOn}) and a
 * port the system picks, that says what its
 * {@link Script} says: a normal dialogue by default, or faults (a 5xx on MAIL, a silent banner, a
 * reply dripped one byte per second, a close in the middle of a reply, bytes after the 220 to
 * STARTTLS). It records every line it receives. Each connection runs on its own virtual thread
 * and walks the script from the start; a verb's replies are counted per connection.
 *
 * <p>Lines are read up to LF (a CR before it is dropped), so a client's bare LF shows up as a line
 * end here: check {@link #receivedBytes()} when the exact bytes matter. After DATA is answered with
 * a 354, lines up to the lone "." are the message ({@link #messages()}), then the {@code afterData}
 * reply is sent. QUIT's reply is followed by a close.
 *
 * <pre>{@code
 * try (var server = ScriptedSmtpServer.start(s -> s.on("RCPT", "550 5.1.1 User unknown"))) {
 *     ... connect to server.address() ...
 *     assertThat(server.received()).contains("QUIT");
 * }
 * }</pre>
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    private static final int MAX_LINE = 64 * 1024;

    private final Script script;
    private final ServerSocket listening;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<byte[]> messages = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream receivedBytes = new ByteArrayOutputStream();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile int connections;

    private ScriptedSmtpServer(Script script, InetAddress bind, int port) throws IOException {
        this.script = script;
        this.listening = new ServerSocket(port, 50, bind);
        threads.add(Thread.ofVirtual().name("scripted-smtp-accept").start(this::accept));
    }

    /**
     * Starts a server on another loopback address, e.g. {@code ::1} for IPv6 or {@code 127.0.0.2},
     * and on a given port (0: the system picks), so that a host's IPv4 and IPv6 servers can share a
     * port number as a real MX host's do.
     *
     * @throws IOException when the address is not on this machine or the port is taken there
     */
    public static ScriptedSmtpServer startOn(InetAddress loopback, int port, UnaryOperator<Script> scripting)
            throws IOException {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException("test servers listen on loopback addresses only: " + loopback);
        }
        return new ScriptedSmtpServer(scripting.apply(new Script()), loopback, port);
    }

    /** Starts a server whose script is the default one changed by {@code scripting}. */
    public static ScriptedSmtpServer start(UnaryOperator<Script> scripting) {
        try {
            return new ScriptedSmtpServer(scripting.apply(new Script()), InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new IllegalStateException("could not listen on 127.0.0.1", e);
        }
    }

    /** Starts a server with the default script: every command accepted. */
    public static ScriptedSmtpServer start() {
        return start(s -> s);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(listening.getInetAddress(), listening.getLocalPort());
    }

    /**
     * Every line received over all connections, in order, without its line end (decoded as UTF-8);
     * message lines sent after DATA are included, as they arrived.
     */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** Every byte received over all connections (after TLS: the decrypted bytes). */
    public byte[] receivedBytes() {
        synchronized (receivedBytes) {
            return receivedBytes.toByteArray();
        }
    }

    /** The content of each DATA transaction, up to but without the final {@code .CRLF}. */
    public List<byte[]> messages() {
        return List.copyOf(messages);
    }

    public int connections() {
        return connections;
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                var socket = listening.accept();
                open.add(socket);
                connections++;
                threads.add(Thread.ofVirtual().name("scripted-smtp-peer").start(() -> serve(socket)));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        var script = this.script.of(plain.getInetAddress());
        Socket socket = plain;
        try {
            if (script.implicitTls() != null) {
                socket = secure(plain, script.implicitTls());
            }
            var in = new BufferedInputStream(socket.getInputStream());
            var out = socket.getOutputStream();
            if (!script.banner().perform(out)) {
                return;
            }
            Map<String, Integer> uses = new HashMap<>();
            boolean tls = socket != plain;
            String line;
            while ((line = readLine(in)) != null) {
                String verb = verb(line);
                int use = uses.merge(verb, 1, Integer::sum) - 1;
                var action = script.reply(verb, use, tls);
                if (!action.perform(out)) {
                    return;
                }
                if (verb.equals("QUIT") && !(action instanceof Action.Silence)) {
                    return;
                }
                if (verb.equals("DATA") && action.startsData()) {
                    messages.add(readMessage(in));
                    if (!script.afterData().perform(out)) {
                        return;
                    }
                }
                if (verb.equals("STARTTLS") && action.acceptsStartTls() && script.startTls() != null && !tls) {
                    socket = secure(plain, script.startTls());
                    in = new BufferedInputStream(socket.getInputStream());
                    out = socket.getOutputStream();
                    tls = true;
                    uses.clear();
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, or the server is closing: this connection is over.
        } finally {
            closeQuietly(socket);
            closeQuietly(plain);
            open.remove(plain);
        }
    }

    private static SSLSocket secure(Socket plain, SSLContext context) throws IOException {
        var ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        return ssl;
    }

    private byte[] readMessage(InputStream in) throws IOException {
        var message = new ByteArrayOutputStream();
        String line;
        while ((line = readLine(in)) != null && !line.equals(".")) {
            message.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        return message.toByteArray();
    }

    /** A line up to LF, without CR LF; null at end of stream. */
    private String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            synchronized (receivedBytes) {
                receivedBytes.write(b);
            }
            if (b == '\n') {
                break;
            }
            if (line.size() < MAX_LINE) {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        var bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        received.add(text);
        return text;
    }

    private static String verb(String line) {
        int end = 0;
        while (end < line.length() && Character.isLetter(line.charAt(end))) {
            end++;
        }
        return line.substring(0, end).toUpperCase(Locale.ROOT);
    }

    @Override
    public void close() {
        closeQuietly(listening);
        for (var socket : new ArrayList<>(open)) {
            closeQuietly(socket);
        }
        threads.forEach(Thread::interrupt);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing during shutdown: nothing left to do.
        }
    }
}
