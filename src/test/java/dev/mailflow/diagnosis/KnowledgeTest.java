package dev.mailflow.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mailflow.smtp.EnhancedStatus;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SmtpReply;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KnowledgeTest {

    private static final Knowledge KNOWLEDGE = Knowledge.load();

    @Test
    void looksUpBasicEnhancedCombinedAndVendorKeys() {
        assertThat(KNOWLEDGE.lookup("550")).get().extracting(CodeEntry::key).isEqualTo("550");
        assertThat(KNOWLEDGE.lookup("5.1.1")).get().extracting(CodeEntry::key).isEqualTo("X.1.1");
        assertThat(KNOWLEDGE.lookup("4.2.2")).get().extracting(CodeEntry::key).isEqualTo("X.2.2");
        assertThat(KNOWLEDGE.lookup("550 5.1.1"))
                .get()
                .extracting(CodeEntry::key)
                .isEqualTo("X.1.1");
        assertThat(KNOWLEDGE.lookup("microsoft:5.7.606"))
                .get()
                .extracting(CodeEntry::kind)
                .isEqualTo(CodeEntry.Kind.VENDOR);
        assertThat(KNOWLEDGE.lookup("X.7.10"))
                .get()
                .extracting(CodeEntry::title)
                .isEqualTo("Encryption needed");
    }

    @Test
    void anUnregisteredEnhancedCodeFallsBackToAVendorEntryOrItsSubject() {
        assertThat(KNOWLEDGE.lookup("5.7.606")).get().extracting(CodeEntry::key).isEqualTo("microsoft:5.7.606");
        assertThat(KNOWLEDGE.lookup("5.7.999")).get().extracting(CodeEntry::key).isEqualTo("X.7.*");
        assertThat(KNOWLEDGE.lookup("599")).get().extracting(CodeEntry::key).isEqualTo("5xx");
    }

    @Test
    void unknownOrEmptyKeysFindNothing() {
        assertThat(KNOWLEDGE.lookup("")).isEmpty();
        assertThat(KNOWLEDGE.lookup(null)).isEmpty();
        assertThat(KNOWLEDGE.lookup("hello")).isEmpty();
        assertThat(KNOWLEDGE.lookup("nobody:1.2.3")).isEmpty();
    }

    @Test
    void explainsAPastedPostfixLineVendorFirstThenEnhancedThenBasicThenFallbacks() {
        var e = KNOWLEDGE.explain(
                "550 5.1.1 <x@example.org>: Recipient address rejected: User unknown in local recipient table");
        assertThat(e.code()).isEqualTo(550);
        assertThat(e.enhanced()).isEqualTo("5.1.1");
        assertThat(e.entries().stream().map(CodeEntry::key))
                .startsWith("postfix:unknown-local")
                .containsSubsequence("X.1.1", "550", "X.1.*", "5xx");
    }

    @Test
    void explainsContinuationLinesAndLinesWithOnlyAnEnhancedCode() {
        var continuation = KNOWLEDGE.explain("550-5.1.1 The email account that you tried to reach does not exist.");
        assertThat(continuation.code()).isEqualTo(550);
        assertThat(continuation.entries().getFirst().key()).isEqualTo("X.1.1");

        var enhancedOnly = KNOWLEDGE.explain("5.7.1 Client was not authenticated");
        assertThat(enhancedOnly.code()).isNull();
        assertThat(enhancedOnly.enhanced()).isEqualTo("5.7.1");
        assertThat(enhancedOnly.entries().getFirst().key()).isEqualTo("X.7.1");
    }

    @Test
    void explainsTheSeedErrorsWithTheirExchangeEntries() {
        assertThat(KNOWLEDGE
                        .explain("530 5.7.1 Client was not authenticated")
                        .entries()
                        .getFirst()
                        .key())
                .isEqualTo("microsoft:5.7.1-not-authenticated");
        assertThat(KNOWLEDGE
                        .explain("501 5.5.4 Invalid domain name")
                        .entries()
                        .getFirst()
                        .key())
                .isEqualTo("microsoft:5.5.4-invalid-domain");
        assertThat(KNOWLEDGE
                        .explain("550 5.1.7 Invalid address")
                        .entries()
                        .getFirst()
                        .key())
                .isEqualTo("microsoft:5.1.7-invalid-address");
    }

    @Test
    void explainsAReplyAsReceived() {
        var reply = new SmtpReply(
                554,
                EnhancedStatus.leading("5.7.1 Service unavailable").orElseThrow(),
                List.of("554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org"),
                Duration.ofMillis(20),
                Set.of());
        var e = KNOWLEDGE.explain(reply, Phase.RCPT);
        assertThat(e.entries().getFirst().key()).isEqualTo("spamhaus:zen");
        assertThat(e.reason())
                .isEqualTo(new ReplyReason(Reason.BLOCKLISTED, "zen.spamhaus.org", ReplyReason.Basis.VENDOR, null));
        assertThat(e.entries().stream().map(CodeEntry::key)).contains("X.7.1", "554", "X.7.*", "5xx");
    }

    @Test
    void aLineWithoutCodesExplainsNothing() {
        var e = KNOWLEDGE.explain("SSH-2.0-OpenSSH_9.2p1");
        assertThat(e.code()).isNull();
        assertThat(e.enhanced()).isNull();
        assertThat(e.entries()).isEmpty();
    }

    @Test
    void everyPossibleCodeHasAnExplanationOfItsDigits() {
        for (int code = 200; code < 600; code++) {
            var e = KNOWLEDGE.explain(String.valueOf(code));
            assertThat(e.entries()).as("%d", code).isNotEmpty();
            assertThat(KNOWLEDGE.firstDigit(code)).isNotBlank();
            assertThat(KNOWLEDGE.secondDigit(code)).isNotBlank();
        }
    }

    @Test
    void hostileTextIsBoundedAndCannotStallTheVendorPatterns() {
        var hostile = "550 5.7.1 " + "a ".repeat(200_000) + "verification" + "!".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            var e = KNOWLEDGE.explain(hostile);
            assertThat(e.input().length()).isLessThanOrEqualTo(ReplyLine.MAX_TEXT);
            assertThat(e.entries()).isNotEmpty();
        });
    }

    @Test
    void theDigitsOfEveryReplyAreExplained() {
        var digits = KNOWLEDGE.digits(550, new EnhancedStatus(5, 1, 1));
        assertThat(digits).hasSize(4);
        assertThat(digits.get(0)).startsWith("5yz permanent");
        assertThat(digits.get(1)).startsWith("x5z mail system");
        assertThat(digits.get(2)).startsWith("5.y.z permanent");
        assertThat(digits.get(3)).startsWith("X.1.* addressing status");
        assertThat(KNOWLEDGE.digits(0, null)).isEmpty();
    }

    @Test
    void shortMeaningIsOneLineForHoverTexts() {
        assertThat(KNOWLEDGE.shortMeaning("5.1.1")).startsWith("Bad destination mailbox address:");
        assertThat(KNOWLEDGE.shortMeaning("nonsense")).isEqualTo("Not a reply code mailflow knows.");
    }
}
