package dev.mailflow.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever bytes a server sends, the reader returns bounded replies and never fails but by end of stream. */
class ReplyReaderProperties {

    @Property(tries = 500)
    void anyBytesGiveBoundedRepliesUntilTheStreamEnds(@ForAll("wire") byte[] wire) throws IOException {
        var reader = new ReplyReader(new ByteArrayInputStream(wire), new RecordingListener());
        int replies = 0;
        while (true) {
            SmtpReply reply;
            try {
                reply = reader.read(Phase.EHLO, System.nanoTime());
            } catch (ConnectionClosedException end) {
                break;
            }
            replies++;
            assertThat(reply.lines()).isNotEmpty().hasSizeLessThanOrEqualTo(ReplyReader.MAX_LINES);
            assertThat(reply.lines())
                    .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(ReplyReader.MAX_LINE_BYTES));
            assertThat(reply.code()).isBetween(0, 999);
            if (reply.flaws().contains(ReplyFlaw.EOF_MID_REPLY) || !reader.inSync()) {
                break;
            }
        }
        assertThat(replies).isLessThanOrEqualTo(wire.length);
    }

    @Provide
    Arbitrary<byte[]> wire() {
        var pieces = Arbitraries.of(
                "250", "-", " ", "\r\n", "\r", "\n", "550 5.1.1 no", "220-", "x", "\u00ff", "2.0.0", "\u00c3");
        var text = pieces.list()
                .ofMaxSize(60)
                .map(p -> String.join("", p).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return Arbitraries.oneOf(text, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }
}
