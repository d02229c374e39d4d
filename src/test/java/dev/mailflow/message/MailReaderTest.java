package dev.mailflow.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MailReaderTest {

    private final MailReader reader = new MailReader();

    private static final String REPORT = """
            Return-Path: <>
            Received: from mx.example.org (mx.example.org [192.0.2.7])
            \tby mail.example.net with ESMTP id 1234
            From: Mail Delivery System <MAILER-DAEMON@example.net>
            To: kate@example.net
            Subject: =?UTF-8?Q?Undelivered_Mail_Returned_to_Sender?=
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

            --b1
            Content-Type: text/plain; charset=us-ascii
            Content-Transfer-Encoding: quoted-printable

            host mx.example.org[192.0.2.7] said: 550 5.1.1 <bob@example.org>: Recipient addr=
            ess rejected: User unknown
            --b1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mail.example.net

            Final-Recipient: rfc822; bob@example.org
            Action: failed
            Status: 5.1.1
            --b1
            Content-Type: text/rfc822-headers

            From: kate@example.net
            To: bob@example.org
            Subject: lunch
            --b1--
            """;

    @Test
    void aPastedReportIsReadPartByPartWithItsEncodingsUndone() {
        var read = reader.readPasted(REPORT);
        assertThat(read.shape()).isEqualTo(ReadMessage.Shape.MESSAGE);
        assertThat(read.header("subject")).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(read.headers("Received")).singleElement().satisfies(h -> {
            assertThat(h.value())
                    .isEqualTo(
                            "from mx.example.org (mx.example.org [192.0.2.7])\tby mail.example.net with ESMTP id 1234");
            assertThat(h.raw()).contains("\n\tby mail");
        });
        assertThat(read.parts())
                .extracting(MessagePart::contentType)
                .containsExactly("text/plain", "message/delivery-status", "text/rfc822-headers");
        assertThat(read.parts().get(0).text()).contains("Recipient address rejected: User unknown");
        assertThat(read.parts().get(1).text()).contains("Final-Recipient: rfc822; bob@example.org");
        assertThat(read.parts().get(2).header("Subject")).isEqualTo("lunch");
        assertThat(read.flaws()).isEmpty();
    }

    @Test
    void aHeaderBlockAloneAndATextThatIsNoMessageAreToldApart() {
        assertThat(reader.readPasted("Received: from a by b\nFrom: x@example.org\nSubject: hi\n")
                        .shape())
                .isEqualTo(ReadMessage.Shape.HEADERS_ONLY);
        var fragment = reader.readPasted("550 5.1.1 <bob@example.org>: User unknown");
        assertThat(fragment.shape()).isEqualTo(ReadMessage.Shape.FRAGMENT);
        assertThat(fragment.parts())
                .singleElement()
                .extracting(MessagePart::text)
                .isEqualTo("550 5.1.1 <bob@example.org>: User unknown");
        assertThat(reader.readPasted("Error: 550 no such user").shape()).isEqualTo(ReadMessage.Shape.FRAGMENT);
    }

    @Test
    void base64AndJapaneseCharsetsAreDecoded() {
        var japanese = "宛先のメールアドレスが見つかりません";
        var encoded = Base64.getMimeEncoder().encodeToString(japanese.getBytes(Charset.forName("ISO-2022-JP")));
        var eml = ("From: MAILER-DAEMON@ezweb.ne.jp\r\nTo: a@example.net\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + encoded + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        var read = assertRead(eml);
        assertThat(read.parts())
                .singleElement()
                .extracting(MessagePart::text)
                .asString()
                .contains(japanese);
    }

    @Test
    void anUnknownCharsetIsAFlawAndTheTextIsStillRead() {
        var eml =
                "From: a@example.net\nTo: b@example.net\nContent-Type: text/plain; charset=x-no-such\n\n550 5.1.1 gone\n"
                        .getBytes(StandardCharsets.US_ASCII);
        var read = assertRead(eml);
        assertThat(read.parts().getFirst().text()).contains("550 5.1.1 gone");
        assertThat(read.flaws()).anyMatch(f -> f.contains("unknown charset x-no-such"));
    }

    @Test
    void aFileThatIsNoMsgIsRefusedInWords() {
        assertThatThrownBy(() -> reader.readMsg("hello".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnreadableMessageException.class)
                .hasMessageContaining(".msg");
        var fakeCfb = new byte[600];
        fakeCfb[0] = (byte) 0xD0;
        fakeCfb[1] = (byte) 0xCF;
        fakeCfb[2] = 0x11;
        fakeCfb[3] = (byte) 0xE0;
        assertThatThrownBy(() -> reader.readFile(fakeCfb)).isInstanceOf(UnreadableMessageException.class);
        assertThatThrownBy(() -> reader.readEml("no headers here".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(UnreadableMessageException.class);
    }

    private ReadMessage assertRead(byte[] eml) {
        try {
            return reader.readEml(eml);
        } catch (UnreadableMessageException e) {
            throw new AssertionError(e);
        }
    }
}
