package dev.mailflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Finding the remote replies in what a person pastes: a line, a multi-line reply, whole bounces. */
class BounceTextTest {

    private static final Knowledge KNOWLEDGE = Knowledge.load();

    @Test
    void aSingleLineIsOneReply() {
        var replies = BounceText.replies("550 5.1.1 <kate@example.org>: Recipient address rejected: User unknown");

        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.enhanced()).hasToString("5.1.1");
            assertThat(r.text()).isEqualTo("<kate@example.org>: Recipient address rejected: User unknown");
        });
    }

    @Test
    void continuationLinesAreOneReplyWithoutTheirRepeatedCodes() {
        var replies = BounceText.replies("421-4.7.0 This message is suspicious due to the very low reputation of the\n"
                + "421-4.7.0 sending IP address. To protect our users from spam, mail sent from\n"
                + "421 4.7.0 your IP address has been temporarily rate limited.");

        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(421);
            assertThat(r.enhanced()).hasToString("4.7.0");
            assertThat(r.text()).doesNotContain("421").contains("low reputation of the sending IP address");
        });
        assertThat(BounceText.replies("421-4.7.0 Try again later, closing connection."))
                .singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(421));
    }

    @Test
    void aDeliveryStatusNotificationGivesItsDiagnosticCodeOnce() {
        var dsn = """
                This is the mail system at host mail.contoso.com.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <kate@example.org>: host mx.example.org[192.0.2.10] said: 550 5.1.1
                    <kate@example.org>: Recipient address rejected: User unknown in virtual
                    mailbox table (in reply to RCPT TO command)

                --4C5D41E0B2.1727951234/mail.contoso.com
                Content-Description: Delivery report
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mail.contoso.com
                Arrival-Date: Thu,  3 Oct 2024 10:22:31 +0000 (UTC)

                Final-Recipient: rfc822; kate@example.org
                Action: failed
                Status: 5.1.1
                Remote-MTA: dns; mx.example.org
                Diagnostic-Code: smtp; 550 5.1.1 <kate@example.org>: Recipient address
                    rejected: User unknown in virtual mailbox table
                """;

        var replies = BounceText.replies(dsn);

        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.text())
                    .isEqualTo("<kate@example.org>: Recipient address rejected: User unknown in virtual mailbox table");
        });
        assertThat(KNOWLEDGE.explainText(dsn))
                .singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.RECIPIENT_UNKNOWN));
    }

    @Test
    void anExchangeReportGivesTheRemoteServersReply() {
        var ndr = """
                Your message to kate@example.org couldn't be delivered.
                kate wasn't found at example.org.

                Diagnostic information for administrators:
                Generating server: AM4PR0101MB2345.eurprd01.prod.exchangelabs.com
                kate@example.org
                Remote Server returned '550 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org'
                Original message headers:
                Received: from AM4PR0101MB2345.eurprd01.prod.exchangelabs.com
                """;

        assertThat(KNOWLEDGE.explainText(ndr)).singleElement().satisfies(e -> {
            assertThat(e.line()).endsWith("blocked using zen.spamhaus.org");
            assertThat(e.reason()).isEqualTo(Reason.BLOCKLISTED);
            assertThat(e.detail()).isEqualTo("zen.spamhaus.org");
        });
    }

    @Test
    void gmailsBounceGivesTheReplyAfterTheResponseWas() {
        var bounce = """
                ** Address not found **

                Your message wasn't delivered to kate@example.org because the address couldn't be found, or is unable to receive mail.

                The response was:

                550 5.2.2 <kate@example.org>: user is over quota
                """;

        assertThat(KNOWLEDGE.explainText(bounce)).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(550);
            assertThat(e.reason()).isEqualTo(Reason.MAILBOX_FULL);
        });
    }

    @Test
    void everyReplyOfABounceIsExplainedInOrder() {
        var bounce = """
                <a@example.org>: host mx.example.org[192.0.2.10] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)
                <b@example.net>: host mx.example.net[192.0.2.20] said: 554 5.7.1 <b@example.net>: Relay access denied (in reply to RCPT TO command)
                """;

        assertThat(KNOWLEDGE.explainText(bounce))
                .extracting(ExplainedReply::reason)
                .containsExactly(Reason.MAILBOX_FULL, Reason.RELAY_DENIED);
    }

    @Test
    void aTextWithoutAnyReplyExplainsNothingAndALineWithoutACodeIsReadForItsText() {
        assertThat(BounceText.replies("Hello,\nplease see below.\nThanks")).isEmpty();
        assertThat(KNOWLEDGE.explainText("User unknown")).singleElement().satisfies(e -> {
            assertThat(e.code()).isNull();
            assertThat(e.reason()).isEqualTo(Reason.RECIPIENT_UNKNOWN);
            assertThat(e.causes()).isNotEmpty();
        });
    }

    @Test
    void theClassComesFromTheFirstDigitPasted() {
        assertThat(KNOWLEDGE.explainText("451 4.7.1 Please try again later"))
                .singleElement()
                .satisfies(e -> assertThat(e.nature()).isEqualTo(CodeEntry.Nature.TRANSIENT));
        assertThat(KNOWLEDGE.explainText("550 5.7.1 Delivery not authorized"))
                .singleElement()
                .satisfies(e -> assertThat(e.nature()).isEqualTo(CodeEntry.Nature.PERMANENT));
    }

    @Test
    void anUnrecognisedTextAdmitsItAndKeepsTheCodesMostLikelyCauses() {
        assertThat(KNOWLEDGE.explainText("550 5.7.1 Zorglub frobnicated the quux"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.UNRECOGNISED);
                    assertThat(e.title()).contains("not recognised", "550", "5.7.1");
                    assertThat(e.causes()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
                });
    }

    @Test
    void textThatNamesACauseBeatsTheCodeAndSaysTheyContradict() {
        assertThat(KNOWLEDGE.explainText(
                        "550 5.1.1 <kate@example.org> - 203.0.113.222 has sent to too many recipients this hour"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
                    assertThat(e.detail()).isEqualTo("recipients");
                    assertThat(e.contradiction()).contains("5.1.1", "recipient unknown", "rate limited");
                });
        assertThat(KNOWLEDGE.explainText("452 4.4.5 Insufficient disk space; try again later"))
                .singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.SYSTEM_FULL));
        assertThat(KNOWLEDGE.explainText("554 5.7.9 Message not accepted for policy reasons"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.POLICY);
                    assertThat(e.detail()).contains("Yahoo 5.7.9");
                });
    }

    @Test
    void aHugeTextIsReadOnlyUpToTheCap() {
        var huge = "550 5.1.1 User unknown\n" + "x".repeat(BounceText.MAX_CHARS * 2) + "\n452 4.2.2 Mailbox full";

        assertThat(BounceText.replies(huge))
                .singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(550));
    }

    @Test
    void hostileWhitespaceAndCodesAreReadInOnePass() {
        var spaces = "Remote Server returned '" + " ".repeat(BounceText.MAX_CHARS - 100) + "x";
        var codes = "550 ".repeat(BounceText.MAX_CHARS / 4);

        assertThat(BounceText.replies(spaces))
                .allSatisfy(r -> assertThat(r.code()).isNull());
        assertThat(BounceText.replies(codes)).hasSize(1);
    }

    @Test
    void quoteMarkersInAnyNumberAndSpacingAreTakenOff() {
        for (var quoted : new String[] {
            ">".repeat(3000) + " 550 5.1.1 User unknown",
            "> ".repeat(3000) + "550 5.1.1 User unknown",
            " >\t>".repeat(1500) + " 550 5.1.1 User unknown",
            ">\n".repeat(3000) + "> 550 5.1.1 User unknown",
            ">".repeat(BounceText.MAX_CHARS - 30) + " 550 5.1.1 User unknown",
        }) {
            assertThat(BounceText.replies(quoted))
                    .singleElement()
                    .satisfies(r -> assertThat(r.code()).isEqualTo(550));
        }
        assertThat(BounceText.unquoted(">> > 550 x")).isEqualTo("550 x");
        assertThat(BounceText.unquoted("  >550 x")).isEqualTo("550 x");
        assertThat(BounceText.unquoted(">  550 x")).isEqualTo(" 550 x");
        assertThat(BounceText.unquoted("550 x > y")).isEqualTo("550 x > y");
        assertThat(BounceText.unquoted(">")).isEmpty();
    }
}
