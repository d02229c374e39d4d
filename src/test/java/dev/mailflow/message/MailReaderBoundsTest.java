package dev.mailflow.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailflow.diagnosis.Knowledge;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Bad input (issue 20, item 7): each is answered, none throws, and the work stays bounded by the
 * limits (part count, nesting, decoded bytes), which the flaws name.
 */
class MailReaderBoundsTest {

    private static final BounceExplainer EXPLAINER = new BounceExplainer(Knowledge.load());

    private final MailReader reader = new MailReader();

    @Test
    void aTextThatIsNotAMessageIsNoBounceAndSaysWhatWasFound() {
        var report = EXPLAINER.explain(reader.readPasted("Hello, could you call me back about the invoice?"));
        assertThat(report.kind()).isEqualTo(BounceKind.NOT_A_BOUNCE);
        assertThat(report.found()).contains("No server reply");
        assertThatThrownBy(() -> reader.readEml(new byte[] {0, 1, 2, 3, (byte) 0xff}))
                .isInstanceOf(UnreadableMessageException.class);
    }

    @Test
    void truncatedMimeIsReadAsFarAsItGoes() throws Exception {
        var cut = """
                From: MAILER-DAEMON@mail.example.net
                To: tom@example.net
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="cut"

                --cut
                Content-Type: text/plain

                <kate@example.org>: host mx.example.org[192.0.2.10] said: 550 5.1.1 User unknown (in reply to RCPT TO command)

                --cut
                Content-Type: message/delivery-status
                Content-Transfer-Encoding: base64

                UmVwb3J0aW5nLU1UQTogZG5zOyBtYWlsLmV4YW1wbGUubmV0Cg
                """;
        var report = EXPLAINER.explain(reader.readEml(cut.getBytes(StandardCharsets.US_ASCII)));
        assertThat(report.kind()).isEqualTo(BounceKind.BOUNCE);
        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("kate@example.org");
            assertThat(r.status()).isEqualTo("5.1.1");
        });
    }

    @Test
    void tenThousandPartsStopAtThePartLimit() throws Exception {
        var sb = new StringBuilder("From: a@example.net\nTo: b@example.net\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"p\"\n\n");
        for (int i = 0; i < 10_000; i++) {
            sb.append("--p\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        sb.append("--p--\n");
        var read = reader.readEml(sb.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(read.parts()).hasSizeLessThanOrEqualTo(MessageLimits.DEFAULT.maxParts());
        assertThat(read.flaws())
                .anyMatch(f -> f.startsWith("more than " + MessageLimits.DEFAULT.maxParts() + " MIME parts"));
        assertThat(EXPLAINER.explain(read).kind()).isEqualTo(BounceKind.NOT_A_BOUNCE);
    }

    @Test
    void messagesNested100DeepStopAtTheDepthLimit() throws Exception {
        var inner = "From: a@example.net\nTo: b@example.net\nSubject: innermost\n\n550 5.1.1 deepest\n";
        for (int i = 0; i < 100; i++) {
            inner = "From: a@example.net\nTo: b@example.net\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n"
                    + inner;
        }
        var read = reader.readEml(inner.getBytes(StandardCharsets.US_ASCII));
        assertThat(read.flaws()).anyMatch(f -> f.contains("nested more than " + MessageLimits.DEFAULT.maxDepth()));
        assertThat(read.parts().stream().mapToInt(MessagePart::level).max().orElse(0))
                .isLessThanOrEqualTo(MessageLimits.DEFAULT.maxDepth());
        EXPLAINER.explain(read);
    }

    @Test
    void base64ThatDecodesPastTheLimitIsCutAtIt() throws Exception {
        var small = new MailReader(new MessageLimits(64 * 1024, 500, 12, 1000));
        var body = Base64.getMimeEncoder().encodeToString(new byte[1024 * 1024]);
        var eml = "From: a@example.net\nTo: b@example.net\nMIME-Version: 1.0\nContent-Type: text/plain\n"
                + "Content-Transfer-Encoding: base64\n\n" + body + "\n";
        var read = small.readEml(eml.getBytes(StandardCharsets.US_ASCII));
        assertThat(read.parts())
                .singleElement()
                .satisfies(p -> assertThat(p.text()).hasSize(64 * 1024));
        assertThat(read.flaws()).anyMatch(f -> f.contains("decoded bytes; the rest was not read"));
        // A binary part is never decoded at all.
        var binary = "From: a@example.net\nMIME-Version: 1.0\nContent-Type: application/octet-stream\n"
                + "Content-Transfer-Encoding: base64\n\n" + body + "\n";
        assertThat(small.readEml(binary.getBytes(StandardCharsets.US_ASCII)).parts())
                .singleElement()
                .satisfies(p -> assertThat(p.text()).isEmpty());
    }

    @Test
    void invalidCharsetsAreReadAnywayAndNamed() throws Exception {
        var eml = "From: a@example.net\nTo: b@example.net\nSubject: =?x-bogus?B?SGVsbG8=?=\nMIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=\"../../etc/passwd\"\n\n"
                + "<kate@example.org>: host mx.example.org[192.0.2.10] said: 550 5.1.1 User unknown\n";
        var read = reader.readEml(eml.getBytes(StandardCharsets.US_ASCII));
        assertThat(read.flaws()).anyMatch(f -> f.startsWith("unknown charset") && !f.contains("/"));
        assertThat(read.header("Subject")).isEqualTo("=?x-bogus?B?SGVsbG8=?=");
        var report = EXPLAINER.explain(read);
        assertThat(report.recipients())
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo("5.1.1"));
    }

    @Test
    void aMsgThatIsNotOneIsRefusedInWords() {
        var cfbHeaderOnly = new byte[512];
        System.arraycopy(
                new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1},
                0,
                cfbHeaderOnly,
                0,
                8);
        assertThatThrownBy(() -> reader.readMsg(cfbHeaderOnly))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining(".msg");
        assertThatThrownBy(() -> reader.readMsg("From: a@example.net\n\nhi".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining("not an Outlook .msg");
    }
}
