package dev.mailflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TestMessageTest {

    /** Every header a test message has, in order; nothing a subject or body carries may add one. */
    private static final String[] HEADERS = {
        "Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"
    };

    private static final MailAddress FROM = new MailAddress("helpdesk", "contoso.test");
    private static final MailAddress KATE = new MailAddress("kate", "example.com");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T18:05:09Z"), ZoneOffset.UTC);

    @Test
    void writesTheHeadersABlankLineAndTheBody() {
        TestMessage message = message("contoso test", "this is a test message");

        String text = text(message);

        assertThat(text)
                .startsWith("Date: Sun, 29 Nov 2026 18:05:09 +0000\r\n"
                        + "From: <helpdesk@contoso.test>\r\n"
                        + "To: <kate@example.com>\r\n"
                        + "Subject: contoso test\r\n"
                        + "Message-ID: <mailflow.")
                .endsWith("@contoso.test>\r\n"
                        + "MIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=UTF-8\r\n"
                        + "Content-Transfer-Encoding: 7bit\r\n"
                        + "\r\n"
                        + "this is a test message\r\n");
        assertThat(message.messageId()).matches("<mailflow\\.[0-9a-f]{32}@contoso\\.test>");
        assertThat(text).contains("Message-ID: " + message.messageId() + "\r\n");
        assertThat(message.needs8bit()).isFalse();
    }

    @Test
    void sizeCountsTheOctetsOfTheData() {
        TestMessage message = message("größe", "Grüße\n");

        assertThat(message.size()).isEqualTo(message.dataBytes().length);
        assertThat(message.size()).isGreaterThan(text(message).length());
    }

    @Test
    void linesStartingWithADotAreStuffed() {
        String body = body(message("s", ".\n..x\nnot .\r\n.\r\nend"));

        assertThat(body).isEqualTo("..\r\n...x\r\nnot .\r\n..\r\nend\r\n");
    }

    @Test
    void everyKindOfLineEndBecomesCrlf() {
        String body = body(message("s", "a\rb\nc\r\nd\u2028e\u0085f\u2029g\r\r\nh"));

        assertThat(body).isEqualTo("a\r\nb\r\nc\r\nd\r\ne\r\nf\r\ng\r\n\r\nh\r\n");
    }

    @Test
    void anEmptyBodyStillEndsInCrlf() {
        assertThat(text(message("s", ""))).endsWith("7bit\r\n\r\n");
        assertThat(text(message("s", null))).endsWith("7bit\r\n\r\n");
    }

    @Test
    void aNonAsciiBodyIsSentAs8bit() {
        TestMessage message = message("s", "Grüße aus Köln");

        assertThat(text(message)).contains("Content-Transfer-Encoding: 8bit\r\n");
        assertThat(message.needs8bit()).isTrue();
    }

    @Test
    void aSubjectCannotInjectAHeader() {
        String text = text(message("hi\r\nBcc: everyone@example.com\nX-Evil: 1\u2028X-Also: 2", "body"));

        assertThat(text).contains("Subject: hi Bcc: everyone@example.com X-Evil: 1 X-Also: 2\r\n");
        assertThat(headerNames(text)).containsExactly(HEADERS);
    }

    @Test
    void aNonAsciiSubjectBecomesEncodedWordsOfWholeCharacters() throws Exception {
        String subject = "Prüfung der Zustellung für Köln – 測試郵件 🙂 ".repeat(3).strip();

        String text = text(message(subject, "body"));

        Matcher header =
                Pattern.compile("Subject: (.*?)\r\n(?! )", Pattern.DOTALL).matcher(text);
        assertThat(header.find()).isTrue();
        String[] lines = ("Subject: " + header.group(1)).split("\r\n");
        StringBuilder decoded = new StringBuilder();
        for (String line : lines) {
            assertThat(line.length()).isLessThanOrEqualTo(76);
            Matcher word =
                    Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]+)\\?=").matcher(line);
            assertThat(word.find()).as(line).isTrue();
            byte[] octets = java.util.Base64.getDecoder().decode(word.group(1));
            String part = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(octets))
                    .toString();
            decoded.append(part);
        }
        assertThat(decoded.toString()).isEqualTo(subject);
        assertThat(text).matches("(?s)[\\x00-\\x7f]*");
    }

    @Test
    void aLongAsciiSubjectIsFoldedAtSpaces() {
        String subject = "word ".repeat(39) + "end";

        String text = text(message(subject, "b"));

        String field = text.substring(text.indexOf("Subject: "), text.indexOf("\r\nMessage-ID: "));
        for (String line : field.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        assertThat(field.replace("\r\n", "")).isEqualTo("Subject: " + subject);
    }

    @Test
    void aLongLineIsBrokenWithinTheLineLimit() {
        String body = body(message("s", "é".repeat(1200) + "\n." + "x".repeat(2000)));

        for (String line : body.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(999);
        }
        assertThat(body.replace("\r\n", "")).isEqualTo("é".repeat(1200) + ".." + "x".repeat(2000));
    }

    @Test
    void tooLongSubjectOrBodyIsRefusedWithTheReason() {
        assertThatThrownBy(() -> message("x".repeat(201), "body"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("200 characters");
        assertThatThrownBy(() -> message("s", "x".repeat(64 * 1024 + 1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("64 KiB");
        assertThatThrownBy(() -> message("s", "ü".repeat(40_000))).isInstanceOf(InvalidInputException.class);
        assertThat(message("x".repeat(200), "x".repeat(64 * 1024)).size()).isPositive();
    }

    @Test
    void aBadMessageIdDomainOrAddressIsRefused() {
        assertThatThrownBy(() -> TestMessage.of(FROM, List.of(KATE), "s", "b", CLOCK, "evil\r\nBcc: x"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> TestMessage.of(
                        FROM, List.of(new MailAddress("kate\r\nBcc: x", "example.com")), "s", "b", CLOCK, "d.test"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theNullSenderIsWrittenAsThePostmasterAndRecipientsOnePerLine() {
        String text = text(TestMessage.of(
                MailAddress.NULL_SENDER,
                List.of(KATE, new MailAddress("lee", "example.com")),
                "s",
                "b",
                CLOCK,
                "mx.contoso.test."));

        assertThat(text).contains("From: <postmaster@mx.contoso.test>\r\n");
        assertThat(text).contains("To: <kate@example.com>,\r\n <lee@example.com>\r\n");
        assertThat(text).contains("@mx.contoso.test>\r\n");
    }

    @Property(tries = 300)
    void anyBodyIsSentAsCrlfLinesThatCannotEndTheData(@ForAll("bodies") String body) {
        byte[] data = message("s", body).dataBytes();

        assertOnlyCrlfLineEnds(data);
        String text = new String(data, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n").doesNotContain("\r\n.\r\n");
        String sent = text.substring(text.indexOf("\r\n\r\n") + 4);
        for (String line : sent.split("\r\n", -1)) {
            assertThat(line).isNotEqualTo(".");
        }
    }

    @Property(tries = 300)
    void noSubjectAddsAHeader(@ForAll("bodies") String subject) {
        String text = text(message(subject.length() > 200 ? subject.substring(0, 200) : subject, "b"));

        assertOnlyCrlfLineEnds(text.getBytes(StandardCharsets.UTF_8));
        assertThat(headerNames(text)).containsExactly(HEADERS);
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("\r\n.\u2028\u2029\u0085 a\0é").ofMaxLength(60),
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars(".x\n").ofMinLength(990).ofMaxLength(2100));
    }

    private static void assertOnlyCrlfLineEnds(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\r') {
                assertThat(i + 1 < data.length && data[i + 1] == '\n')
                        .as("CR at %d is followed by LF", i)
                        .isTrue();
            }
            if (data[i] == '\n') {
                assertThat(i > 0 && data[i - 1] == '\r')
                        .as("LF at %d follows CR", i)
                        .isTrue();
            }
        }
    }

    private static List<String> headerNames(String text) {
        String head = text.substring(0, text.indexOf("\r\n\r\n"));
        return Arrays.stream(head.split("\r\n"))
                .filter(line -> !line.startsWith(" "))
                .map(line -> line.substring(0, line.indexOf(':')))
                .toList();
    }

    private static TestMessage message(String subject, String body) {
        return TestMessage.of(FROM, List.of(KATE), subject, body, CLOCK, "contoso.test");
    }

    private static String text(TestMessage message) {
        return new String(message.dataBytes(), StandardCharsets.UTF_8);
    }

    private static String body(TestMessage message) {
        String text = text(message);
        return text.substring(text.indexOf("\r\n\r\n") + 4);
    }
}
