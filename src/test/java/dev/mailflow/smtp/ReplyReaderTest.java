package dev.mailflow.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyReaderTest {

    private final RecordingListener listener = new RecordingListener();

    private ReplyReader reader(String wire) {
        return reader(wire.getBytes(StandardCharsets.ISO_8859_1));
    }

    private ReplyReader reader(byte[] wire) {
        return new ReplyReader(new ByteArrayInputStream(wire), listener);
    }

    private SmtpReply read(String wire) throws IOException {
        return reader(wire).read(Phase.RCPT, System.nanoTime());
    }

    @Test
    void readsASingleLineWithItsEnhancedStatus() throws IOException {
        var reply = read("550 5.1.1 <kate@example.com>: User unknown\r\n");

        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.enhanced()).isEqualTo(new EnhancedStatus(5, 1, 1));
        assertThat(reply.text()).isEqualTo("5.1.1 <kate@example.com>: User unknown");
        assertThat(reply.flaws()).isEmpty();
        assertThat(listener.lines).containsExactly("S: 550 5.1.1 <kate@example.com>: User unknown");
    }

    @Test
    void readsAMultiLineReplyAndStopsAtItsLastLine() throws IOException {
        var reader = reader("250-mx.example.com\r\n250-PIPELINING\r\n250 SIZE 1000\r\n221 bye\r\n");

        var ehlo = reader.read(Phase.EHLO, System.nanoTime());
        var next = reader.read(Phase.QUIT, System.nanoTime());

        assertThat(ehlo.code()).isEqualTo(250);
        assertThat(ehlo.lines()).containsExactly("250-mx.example.com", "250-PIPELINING", "250 SIZE 1000");
        assertThat(ehlo.enhanced()).isNull();
        assertThat(ehlo.flaws()).isEmpty();
        assertThat(next.code()).isEqualTo(221);
    }

    @Test
    void acceptsACodeWithoutText() throws IOException {
        var reply = read("250\r\n");

        assertThat(reply.code()).isEqualTo(250);
        assertThat(reply.flaws()).isEmpty();
    }

    @Test
    void flagsALineWithoutACodeAndGivesCodeZero() throws IOException {
        var reply = read("hello there\r\n");

        assertThat(reply.code()).isZero();
        assertThat(reply.flaws()).containsExactly(ReplyFlaw.MALFORMED_LINE);
        assertThat(reply.isMalformed()).isTrue();
    }

    @Test
    void flagsShortLinesAndBadSeparators() throws IOException {
        assertThat(read("25\r\n").flaws()).contains(ReplyFlaw.MALFORMED_LINE);
        assertThat(read("250_ok\r\n").flaws()).contains(ReplyFlaw.MALFORMED_LINE);
        assertThat(read("650 out of range\r\n").flaws()).contains(ReplyFlaw.MALFORMED_LINE);
    }

    @Test
    void keepsABareCrInTheTextInsteadOfEndingTheLine() throws IOException {
        var reply = read("250 ok\rRCPT TO:<x@y>\r\n");

        assertThat(reply.lines()).containsExactly("250 ok\rRCPT TO:<x@y>");
        assertThat(reply.flaws()).containsExactly(ReplyFlaw.BARE_CR);
    }

    @Test
    void keepsABareLfInTheTextInsteadOfEndingTheLine() throws IOException {
        var reply = read("250-first\n250 second\r\n");

        assertThat(reply.lines()).containsExactly("250-first\n250 second");
        assertThat(reply.flaws()).contains(ReplyFlaw.BARE_LF);
    }

    @Test
    void cutsAnOverLongLineAndDropsTheRestUpToCrlf() throws IOException {
        var reader = reader("250 " + "x".repeat(5000) + "\r\n221 bye\r\n");

        var reply = reader.read(Phase.EHLO, System.nanoTime());

        assertThat(reply.lines().get(0)).hasSize(ReplyReader.MAX_LINE_BYTES);
        assertThat(reply.flaws()).containsExactly(ReplyFlaw.LINE_TOO_LONG);
        assertThat(reader.read(Phase.QUIT, System.nanoTime()).code()).isEqualTo(221);
    }

    @Test
    void cutsAReplyWithTooManyLinesAndDrainsItsRest() throws IOException {
        var wire = "250-line\r\n".repeat(150) + "250 end\r\n221 bye\r\n";
        var reader = reader(wire);

        var reply = reader.read(Phase.EHLO, System.nanoTime());

        assertThat(reply.lines()).hasSize(ReplyReader.MAX_LINES);
        assertThat(reply.flaws()).contains(ReplyFlaw.TOO_MANY_LINES);
        assertThat(reader.inSync()).isTrue();
        assertThat(reader.read(Phase.QUIT, System.nanoTime()).code()).isEqualTo(221);
    }

    @Test
    void cutsAReplyThatIsTooLargeAndGivesUpWhenItNeverEnds() throws IOException {
        var reader = reader("250-" + "y".repeat(2 * 1024 * 1024));

        var reply = reader.read(Phase.EHLO, System.nanoTime());

        assertThat(reply.flaws()).contains(ReplyFlaw.REPLY_TOO_LARGE, ReplyFlaw.LINE_TOO_LONG);
        assertThat(reader.inSync()).isFalse();
    }

    @Test
    void returnsWhatWasReadWhenTheStreamEndsMidReply() throws IOException {
        var reply = read("250-mx.example.com\r\n250-PIPE");

        assertThat(reply.lines()).containsExactly("250-mx.example.com", "250-PIPE");
        assertThat(reply.flaws()).contains(ReplyFlaw.EOF_MID_REPLY);
    }

    @Test
    void throwsWhenTheStreamEndsBeforeAnyByte() {
        assertThatThrownBy(() -> read("")).isInstanceOf(ConnectionClosedException.class);
    }

    @Test
    void flagsADifferentCodeInsideAMultiLineReply() throws IOException {
        var reply = read("250-first\r\n550 second\r\n");

        assertThat(reply.code()).isEqualTo(250);
        assertThat(reply.flaws()).containsExactly(ReplyFlaw.CODE_MISMATCH);
        assertThat(reply.isMalformed()).isTrue();
    }

    @Test
    void keepsAMalformedLineInsideAnAnnouncedContinuation() throws IOException {
        var reply = read("250-first\r\nnonsense\r\nmore nonsense\r\n250 last\r\n");

        assertThat(reply.lines()).containsExactly("250-first", "nonsense", "more nonsense", "250 last");
        assertThat(reply.flaws()).containsExactly(ReplyFlaw.MALFORMED_LINE);
    }

    @Test
    void decodesBadUtf8WithReplacementCharacters() throws IOException {
        byte[] wire = {'5', '5', '0', ' ', (byte) 0xff, (byte) 0xc3, '\r', '\n'};

        var reply = reader(wire).read(Phase.MAIL, System.nanoTime());

        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.text()).contains("\uFFFD");
    }

    @Test
    void seesBytesLeftUnreadAfterAReply() throws IOException {
        var reader = reader("220 go ahead\r\n250 injected\r\n");

        reader.read(Phase.TLS, System.nanoTime());

        assertThat(reader.hasUnreadBytes()).isTrue();
    }
}
