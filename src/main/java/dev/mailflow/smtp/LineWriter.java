package dev.mailflow.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes command lines, each ended by the only CRLF it will ever carry. The guard below is the last
 * line of defence against command injection (SMTP smuggling): validation must make it unreachable.
 */
final class LineWriter {

    private final OutputStream out;

    LineWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes every line in one flush, so pipelined commands leave in one segment (RFC 2920 §3.1). */
    void write(List<String> lines) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        for (String line : lines) {
            guard(line);
            bytes.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(new byte[] {'\r', '\n'});
        }
        out.write(bytes.toByteArray());
        out.flush();
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    static void guard(String line) {
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0 || line.indexOf('\0') >= 0) {
            throw new IllegalStateException("internal error: refusing to send a command line containing CR, LF or NUL");
        }
    }
}
