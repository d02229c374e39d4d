package dev.mailflow.testing.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a {@link ScriptedSmtpServer} does when its script reaches a step: the banner, or its answer to
 * one command. Build them with the static methods; each writes to the client's stream.
 */
public sealed interface Action {

    /** A reply made of these lines, each followed by CRLF, as in {@code reply("250-mx", "250 SIZE 100")}. */
    static Action reply(String... lines) {
        return new Bytes(crlf(lines));
    }

    /** Exactly these characters (ISO-8859-1, one byte each): bare CR, bare LF or no line end at all. */
    static Action raw(String bytes) {
        return new Bytes(bytes.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Exactly these bytes, e.g. invalid UTF-8. */
    static Action raw(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    /** The reply lines sent one byte at a time, one byte per {@code pause}: a server that drips. */
    static Action drip(Duration pause, String... lines) {
        return new Drip(crlf(lines), pause);
    }

    /** These characters, then the connection is closed: a server that dies mid-reply. */
    static Action closeAfter(String partial) {
        return new CloseAfter(partial.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Closes the connection without a word. */
    static Action close() {
        return new CloseAfter(new byte[0]);
    }

    /** Sends nothing and keeps the connection open: a silent server. */
    static Action silence() {
        return new Silence();
    }

    /** Stops reading and writing until the server closes: a peer whose buffers fill up, blocking the client's writes. */
    static Action stall() {
        return new Stall();
    }

    /** Does each action in turn, e.g. {@code sequence(reply("354 go ahead"), stall())}. */
    static Action sequence(Action... actions) {
        return new Sequence(java.util.List.of(actions));
    }

    /** Waits, then does {@code then}. */
    static Action delayed(Duration delay, Action then) {
        return new Delayed(delay, then);
    }

    /** Performs the action; returns false when the connection must close afterwards. */
    boolean perform(OutputStream out) throws IOException, InterruptedException;

    private static byte[] crlf(String... lines) {
        var sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether this reply makes the server enter the DATA state. */
    default boolean startsData() {
        return this instanceof Bytes b
                && b.bytes().length >= 3
                && new String(b.bytes(), 0, 3, StandardCharsets.ISO_8859_1).equals("354");
    }

    /** Whether this reply accepts STARTTLS, so the server starts its handshake after it. */
    default boolean acceptsStartTls() {
        return this instanceof Bytes b
                && b.bytes().length >= 3
                && new String(b.bytes(), 0, 3, StandardCharsets.ISO_8859_1).equals("220");
    }

    record Bytes(byte[] bytes) implements Action {
        @Override
        public boolean perform(OutputStream out) throws IOException {
            out.write(bytes);
            out.flush();
            return true;
        }
    }

    record Drip(byte[] bytes, Duration pause) implements Action {
        @Override
        public boolean perform(OutputStream out) throws IOException, InterruptedException {
            for (byte b : bytes) {
                out.write(b);
                out.flush();
                Thread.sleep(pause);
            }
            return true;
        }
    }

    record CloseAfter(byte[] bytes) implements Action {
        @Override
        public boolean perform(OutputStream out) throws IOException {
            out.write(bytes);
            out.flush();
            return false;
        }
    }

    record Silence() implements Action {
        @Override
        public boolean perform(OutputStream out) {
            return true;
        }
    }

    record Stall() implements Action {
        @Override
        public boolean perform(OutputStream out) throws InterruptedException {
            Thread.sleep(Long.MAX_VALUE);
            return false;
        }
    }

    record Sequence(java.util.List<Action> actions) implements Action {
        @Override
        public boolean perform(OutputStream out) throws IOException, InterruptedException {
            for (var action : actions) {
                if (!action.perform(out)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean startsData() {
            return !actions.isEmpty() && actions.getFirst().startsData();
        }

        @Override
        public boolean acceptsStartTls() {
            return !actions.isEmpty() && actions.getFirst().acceptsStartTls();
        }
    }

    record Delayed(Duration delay, Action then) implements Action {
        @Override
        public boolean perform(OutputStream out) throws IOException, InterruptedException {
            Thread.sleep(delay);
            return then.perform(out);
        }

        @Override
        public boolean startsData() {
            return then.startsData();
        }

        @Override
        public boolean acceptsStartTls() {
            return then.acceptsStartTls();
        }
    }
}
