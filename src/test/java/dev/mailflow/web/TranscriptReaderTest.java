package dev.mailflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.mailflow.diagnosis.CodeEntry;
import dev.mailflow.diagnosis.Explanation;
import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.probe.EventDetail;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.ProbeEvent.Kind;
import dev.mailflow.smtp.EnhancedStatus;
import dev.mailflow.smtp.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptReaderTest {

    static final String S = "mx/192.0.2.1:25";

    static ProbeEvent event(long seq, long at, Kind kind, String text) {
        return new ProbeEvent(seq, at, S, Phase.EHLO, kind, text);
    }

    /** A received line as the reply reader describes it: its code, and the reply time on the last line. */
    static ProbeEvent received(long seq, long at, String text, int code, Long replyMs) {
        return received(seq, at, text, code, null, replyMs);
    }

    static ProbeEvent received(long seq, long at, String text, int code, String enhanced, Long replyMs) {
        return new ProbeEvent(
                seq, at, S, Phase.EHLO, Kind.RECEIVED, text, EventDetail.Reply.of(code, enhanced, replyMs));
    }

    @Test
    void theLastLineOfAReplyShowsHowLongTheServerTook() {
        var knowledge = mock(Knowledge.class);
        var reader = new TranscriptReader(knowledge);

        reader.read(event(1, 100, Kind.SENT, "EHLO contoso.com"));
        var first = reader.read(received(2, 130, "250-mx.example.com", 250, null));
        var last = reader.read(received(3, 145, "250 SIZE 1000", 250, 45L));

        assertThat(first.code()).isEqualTo(250);
        assertThat(first.replyMs()).isNull();
        assertThat(last.replyMs()).isEqualTo(45);
        assertThat(last.dir()).isEqualTo(Direction.SERVER);
        assertThat(last.rest()).isEqualTo(" SIZE 1000");
    }

    @Test
    void aCodeGetsTheMostSpecificExplanationAsItsHint() {
        var knowledge = mock(Knowledge.class);
        var entry = new CodeEntry(
                "5.1.1",
                CodeEntry.Kind.ENHANCED,
                null,
                null,
                "Bad destination mailbox",
                "",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        when(knowledge.explain(550, EnhancedStatus.parse("5.1.1").orElseThrow(), "550 5.1.1 unknown"))
                .thenReturn(new Explanation("", 550, "5.1.1", List.of(entry)));

        var line = new TranscriptReader(knowledge).read(received(1, 5, "550 5.1.1 unknown", 550, "5.1.1", 5L));

        assertThat(line.codeHint()).isEqualTo("5.1.1: Bad destination mailbox");
    }

    @Test
    void controlCharactersAreShownNotPassedOn() {
        var line = new TranscriptReader(mock(Knowledge.class))
                .read(event(1, 5, Kind.RECEIVED, "220 a\rb\nc\u0000d\u001b[2J"));

        assertThat(line.text()).isEqualTo("220 a␍b␊c␀d␛[2J");
        assertThat(line.text()).doesNotContain("\r", "\n", "\u0000");
    }

    @Test
    void notesAndSentLinesHaveNoCode() {
        var reader = new TranscriptReader(mock(Knowledge.class));

        assertThat(reader.read(event(1, 0, Kind.INFO, "550 looks like a code")).code())
                .isNull();
        assertThat(reader.read(event(2, 0, Kind.SENT, "250 not a reply")).code())
                .isNull();
    }

    @Test
    void theHintExplainsTheBasicCodeWithTheEnhancedOneBesideIt() {
        var reader = new TranscriptReader(Knowledge.load());

        var ready = reader.read(received(1, 10, "220 2.0.0 SMTP server ready", 220, "2.0.0", 10L));
        var unknown = reader.read(received(2, 20, "550 5.1.1 <kate@example.com>: User unknown", 550, "5.1.1", 10L));

        assertThat(ready.codeHint()).startsWith("Service ready").contains("(2.0.0: ");
        assertThat(unknown.codeHint()).contains("5.1.1: ");
    }
}
