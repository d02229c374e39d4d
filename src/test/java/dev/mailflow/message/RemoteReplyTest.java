package dev.mailflow.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A reply as bounces quote it, in the shapes they quote it. */
class RemoteReplyTest {

    @Test
    void codesAreReadWhereverTheBounceFormatPutsThem() {
        assertThat(RemoteReply.parse("550 5.1.1 <kate@example.org>: User unknown"))
                .isEqualTo(new RemoteReply(550, "5.1.1", "<kate@example.org>: User unknown"));
        assertThat(RemoteReply.parse("554 554 5.7.1 Service unavailable"))
                .isEqualTo(new RemoteReply(554, "5.7.1", "Service unavailable"));
        assertThat(RemoteReply.parse(
                        "550-5.7.26 Unauthenticated email is not accepted 550-5.7.26 due to DMARC 550 5.7.26 policy"))
                .isEqualTo(new RemoteReply(550, "5.7.26", "Unauthenticated email is not accepted due to DMARC policy"));
        assertThat(RemoteReply.parse("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"))
                .isEqualTo(new RemoteReply(550, "5.1.1", "RESOLVER.ADR.RecipNotFound; not found"));
        assertThat(RemoteReply.parse("'550 5.2.2 mailbox full'"))
                .isEqualTo(new RemoteReply(550, "5.2.2", "mailbox full"));
        assertThat(RemoteReply.parse("Sorry, no mailbox here by that name. (#5.1.1)"))
                .isEqualTo(new RemoteReply(null, "5.1.1", "Sorry, no mailbox here by that name. (#5.1.1)"));
        assertThat(RemoteReply.parse("<mx.example.org #5.0.0 smtp;550 5.1.1 <kate@example.org>... User unknown>"))
                .isEqualTo(new RemoteReply(550, "5.1.1", "<kate@example.org>... User unknown"));
        assertThat(RemoteReply.parse("550 5.1.1 User unknown (in reply to RCPT TO command)")
                        .text())
                .isEqualTo("User unknown");
    }

    @Test
    void strangersTextIsBoundedAndOneLine() {
        var reply = RemoteReply.parse("550 " + "x\n".repeat(10_000));
        assertThat(reply.text()).doesNotContain("\n").hasSizeLessThanOrEqualTo(RemoteReply.MAX_TEXT);
    }
}
