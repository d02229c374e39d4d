package dev.mailflow.smtp;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * One TCP connection of a session: the one path that sends command lines and reads one complete
 * reply each, telling the listener and the transcript about both. Any I/O failure marks it broken,
 * so that no QUIT is attempted on a connection in an unknown state.
 */
final class Connection implements AutoCloseable {

    /** One line to send, and how it is shown ({@link Commands#REDACTED} for credentials). */
    record Line(Phase phase, String text, String shown) {

        Line(Phase phase, String text) {
            this(phase, text, text);
        }
    }

    private final Socket plain;
    private final SessionListener listener;
    private final Transcript transcript;
    private Socket socket;
    private ReplyReader reader;
    private LineWriter writer;
    private long sentAtNanos;
    private boolean broken;

    Connection(Socket plain, SessionListener listener, Transcript transcript) throws IOException {
        this.plain = plain;
        this.listener = listener;
        this.transcript = transcript;
        this.sentAtNanos = System.nanoTime();
        use(plain);
    }

    /** Continues over TLS; nothing read before the handshake is kept (RFC 3207 §4.2). */
    void upgrade(Socket tls) throws IOException {
        use(tls);
    }

    Socket plainSocket() {
        return plain;
    }

    /** Both ends of the connection. */
    Connected connected(Duration took) {
        return new Connected(
                (InetSocketAddress) plain.getLocalSocketAddress(),
                (InetSocketAddress) plain.getRemoteSocketAddress(),
                took);
    }

    boolean isTls() {
        return socket != plain;
    }

    boolean usable() {
        return !broken && !socket.isClosed() && reader.inSync();
    }

    void markBroken() {
        broken = true;
    }

    boolean hasUnreadBytes() throws IOException {
        return reader.hasUnreadBytes();
    }

    SmtpReply command(Line line, Duration timeout) throws IOException {
        send(List.of(line));
        return await(line.phase(), line.shown(), timeout);
    }

    SmtpReply command(Phase phase, String line, Duration timeout) throws IOException {
        return command(new Line(phase, line), timeout);
    }

    /** Sends every line in one write (RFC 2920 pipelining when there are several). */
    void send(List<Line> lines) throws IOException {
        lines.forEach(l -> LineWriter.guard(l.text()));
        lines.forEach(l -> listener.sent(l.phase(), l.shown()));
        try {
            writer.write(lines.stream().map(Line::text).toList());
        } catch (IOException e) {
            broken = true;
            throw e;
        }
        sentAtNanos = System.nanoTime();
    }

    void sendRaw(byte[] bytes) throws IOException {
        try {
            writer.writeRaw(bytes);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
        sentAtNanos = System.nanoTime();
    }

    /** Reads the next reply within {@code timeout} of silence and records it against {@code command}. */
    SmtpReply await(Phase phase, String command, Duration timeout) throws IOException {
        try {
            socket.setSoTimeout((int) Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE));
            var reply = reader.read(phase, sentAtNanos);
            listener.reply(phase, reply);
            transcript.exchanges().add(new Exchange(phase, command, reply));
            if (!reader.inSync()) {
                throw new ReplyOutOfStepException();
            }
            if (reply.flaws().contains(ReplyFlaw.EOF_MID_REPLY)) {
                broken = true;
            }
            return reply;
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    private void use(Socket s) throws IOException {
        socket = s;
        reader = new ReplyReader(new BufferedInputStream(s.getInputStream()), listener);
        writer = new LineWriter(s.getOutputStream());
    }

    @Override
    public void close() {
        for (var s : List.of(socket, plain)) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Nothing more can be done with a socket that will not close.
            }
        }
    }
}
