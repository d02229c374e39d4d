package dev.mailflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.diagnosis.Reason;
import dev.mailflow.testing.mail.OutlookMsgFile;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Outlook .msg files (made in the test with POI's POIFS: HSMF cannot write one) read with HSMF. */
class OutlookMsgTest {

    private final MailReader reader = new MailReader();
    private final BounceExplainer explainer = new BounceExplainer(Knowledge.load());

    @Test
    void anNdrSavedFromOutlookIsReadPerRecipient() throws Exception {
        var msg = new OutlookMsgFile()
                .messageClass("REPORT.IPM.Note.NDR")
                .subject("Undeliverable: Quarterly figures")
                .sender("Microsoft Outlook", "postmaster@example.net")
                .to("Tom")
                .body(OutlookMsgFile.EXCHANGE_NDR)
                .bytes();

        var read = reader.readFile(msg);
        assertThat(read.source()).isEqualTo(ReadMessage.Source.MSG);
        assertThat(read.header("Subject")).isEqualTo("Undeliverable: Quarterly figures");
        assertThat(read.header("From")).isEqualTo("Microsoft Outlook <postmaster@example.net>");
        var report = explainer.explain(read);
        assertThat(report.kind()).isEqualTo(BounceKind.BOUNCE);
        assertThat(report.recipients()).singleElement().satisfies(r -> {
            assertThat(r.address()).isEqualTo("kate@example.org");
            assertThat(r.status()).isEqualTo("5.1.1");
            assertThat(r.reason()).isEqualTo(Reason.RECIPIENT_UNKNOWN);
        });
    }

    @Test
    void transportHeadersAndAnAttachedEmlAreRead() throws Exception {
        var original = "From: Tom <tom@example.net>\r\nTo: kate@example.org\r\nSubject: Quarterly figures\r\n"
                + "Message-ID: <c0ffee@example.net>\r\n\r\nHi\r\n";
        var msg = new OutlookMsgFile()
                .subject("Undeliverable: Quarterly figures")
                .transportHeaders(
                        "Received: from mail.example.net by EX16.example.net\r\nFrom: postmaster@example.net\r\n"
                                + "To: tom@example.net\r\nSubject: Undeliverable: Quarterly figures\r\n")
                .body(OutlookMsgFile.EXCHANGE_NDR)
                .attachEml("Quarterly figures.eml", original.getBytes(StandardCharsets.US_ASCII))
                .bytes();

        var read = reader.readMsg(msg);
        assertThat(read.headers("Received")).hasSize(1);
        var report = explainer.explain(read);
        assertThat(report.original().subject()).isEqualTo("Quarterly figures");
        assertThat(report.original().messageId()).isEqualTo("<c0ffee@example.net>");
        assertThat(report.recipients()).extracting(BounceRecipient::address).containsExactly("kate@example.org");
    }
}
