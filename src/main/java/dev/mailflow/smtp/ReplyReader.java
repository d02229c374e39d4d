package dev.mailflow.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one reply at a time per RFC 5321 §4.2, strictly and without trusting the server: only CRLF
 * ends a line (§2.3.8), every line and the reply as a whole are capped, and every departure from the
 * grammar becomes a {@link ReplyFlaw} instead of an exception. Text is decoded as UTF-8 with
 * replacement characters, so bad bytes never throw.
 */
final class ReplyReader {

    static final int MAX_LINE_BYTES = 2048;
    static final int MAX_LINES = 100;
    static final int MAX_REPLY_BYTES = 64 * 1024;
    /** How much of an oversized reply is read and thrown away to find its end before giving up. */
    static final int MAX_DRAIN_BYTES = 1024 * 1024;

    private static final int NONE = -2;

    private final InputStream in;
    private final SessionListener listener;
    private int pushedBack = NONE;
    private boolean inSync = true;

    ReplyReader(InputStream in, SessionListener listener) {
        this.in = in;
        this.listener = listener;
    }

    /**
     * Reads the next complete reply and passes each line to {@link SessionListener#received} as it
     * arrives.
     *
     * @param sinceNanos {@link System#nanoTime()} at the end of the command, for {@link SmtpReply#took()}
     * @throws ConnectionClosedException when the stream ends before the reply's first byte
     */
    SmtpReply read(Phase phase, long sinceNanos) throws IOException {
        var lines = new ArrayList<String>();
        var flaws = EnumSet.noneOf(ReplyFlaw.class);
        int code = -1;
        int bytes = 0;
        boolean promisedMore = false;
        while (true) {
            var raw = readLine(MAX_REPLY_BYTES - bytes);
            if (raw == null) {
                if (lines.isEmpty()) {
                    throw new ConnectionClosedException();
                }
                flaws.add(ReplyFlaw.EOF_MID_REPLY);
                break;
            }
            bytes += raw.octets();
            if (lines.size() == MAX_LINES) {
                flaws.add(ReplyFlaw.TOO_MANY_LINES);
                if (!isLast(raw.text())) {
                    drain(phase);
                }
                break;
            }
            String text = raw.text();
            lines.add(text);
            flaws.addAll(raw.flaws());
            var line = Line.parse(text);
            if (code < 0) {
                code = line.code();
            } else if (line.code() > 0 && line.code() != code) {
                flaws.add(ReplyFlaw.CODE_MISMATCH);
            }
            if (line.malformed()) {
                flaws.add(ReplyFlaw.MALFORMED_LINE);
            }
            if (raw.overBudget()) {
                flaws.add(ReplyFlaw.REPLY_TOO_LARGE);
            } else if (raw.eof()) {
                flaws.add(ReplyFlaw.EOF_MID_REPLY);
            }
            // A malformed line ends the reply unless an earlier line promised more; waiting for a
            // continuation nobody announced would turn one bad line into a timeout.
            boolean ends = raw.overBudget() || raw.eof() || (line.code() == 0 ? !promisedMore : !line.continues());
            var lineCode = line.malformed() ? 0 : line.code();
            if (!ends) {
                listener.received(phase, new ServerLine(text, lineCode, null));
                if (line.code() > 0) {
                    promisedMore = line.continues();
                }
                continue;
            }
            var reply = reply(code, lines, sinceNanos, flaws);
            listener.received(phase, new ServerLine(text, lineCode, reply));
            if (raw.overBudget()) {
                drain(phase);
            }
            return reply;
        }
        return reply(code, lines, sinceNanos, flaws);
    }

    private static SmtpReply reply(int code, List<String> lines, long sinceNanos, Set<ReplyFlaw> flaws) {
        String first = lines.isEmpty() ? "" : lines.get(0);
        var enhanced = code > 0 && first.length() > 4
                ? EnhancedStatus.leading(first.substring(4)).orElse(null)
                : null;
        return new SmtpReply(
                Math.max(code, 0), enhanced, lines, Duration.ofNanos(System.nanoTime() - sinceNanos), flaws);
    }

    /** False once an oversized reply could not be drained: later replies cannot be matched to commands. */
    boolean inSync() {
        return inSync;
    }

    /** Bytes already received and not yet read; after a 220 to STARTTLS there must be none (RFC 3207 §5). */
    boolean hasUnreadBytes() throws IOException {
        return pushedBack != NONE || in.available() > 0;
    }

    private void drain(Phase phase) throws IOException {
        int drained = 0;
        while (drained < MAX_DRAIN_BYTES) {
            var raw = readLine(MAX_DRAIN_BYTES - drained);
            if (raw == null || raw.eof()) {
                inSync = false;
                return;
            }
            drained += raw.octets();
            if (!raw.overBudget() && isLast(raw.text())) {
                listener.note(phase, "discarded " + drained + " bytes of an oversized reply");
                return;
            }
        }
        inSync = false;
        listener.note(phase, "gave up on an oversized reply after discarding " + drained + " bytes");
    }

    private static boolean isLast(String text) {
        var line = Line.parse(text);
        return line.code() > 0 && !line.continues();
    }

    /** Reads up to CRLF; null at end of stream before any byte. Bytes past the line cap are counted, not kept. */
    private RawLine readLine(int budget) throws IOException {
        var kept = new ByteArrayOutputStream();
        var flaws = EnumSet.noneOf(ReplyFlaw.class);
        int octets = 0;
        while (true) {
            if (octets >= budget) {
                return new RawLine(decode(kept), octets, flaws, false, true);
            }
            int b = next();
            if (b < 0) {
                return octets == 0 ? null : new RawLine(decode(kept), octets, flaws, true, false);
            }
            octets++;
            if (b == '\r') {
                int after = next();
                if (after == '\n') {
                    return new RawLine(decode(kept), octets + 1, flaws, false, false);
                }
                pushedBack = after;
                flaws.add(ReplyFlaw.BARE_CR);
            } else if (b == '\n') {
                flaws.add(ReplyFlaw.BARE_LF);
            }
            if (kept.size() < MAX_LINE_BYTES) {
                kept.write(b);
            } else {
                flaws.add(ReplyFlaw.LINE_TOO_LONG);
            }
        }
    }

    private int next() throws IOException {
        if (pushedBack != NONE) {
            int b = pushedBack;
            pushedBack = NONE;
            return b;
        }
        return in.read();
    }

    private static String decode(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private record RawLine(String text, int octets, Set<ReplyFlaw> flaws, boolean eof, boolean overBudget) {}

    /** One line's code and separator: {@code Reply-code [ SP textstring ]} or {@code Reply-code "-" ...}. */
    private record Line(int code, boolean continues, boolean malformed) {

        static Line parse(String text) {
            if (text.length() < 3 || !isDigits(text.substring(0, 3))) {
                return new Line(0, false, true);
            }
            int code = Integer.parseInt(text.substring(0, 3));
            // §4.2: the first digit is 2-5 and the second 0-5.
            boolean grammatical = text.charAt(0) >= '2' && text.charAt(0) <= '5' && text.charAt(1) <= '5';
            if (text.length() == 3) {
                return new Line(code, false, !grammatical);
            }
            char separator = text.charAt(3);
            boolean goodSeparator = separator == ' ' || separator == '-';
            return new Line(code, separator == '-', !grammatical || !goodSeparator);
        }

        private static boolean isDigits(String s) {
            return s.chars().allMatch(c -> c >= '0' && c <= '9');
        }
    }
}
