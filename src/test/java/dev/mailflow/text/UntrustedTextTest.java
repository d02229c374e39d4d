package dev.mailflow.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What every view relies on: the one sanitizer's output is one visible, bounded line. */
class UntrustedTextTest {

    @Test
    void noCharacterThatMovesHidesOrReordersTextSurvivesAndTheLineStaysBounded() {
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            var text = "a" + new String(Character.toChars(c)) + "b";
            var shown = UntrustedText.shown(text, 10);

            assertThat(shown.codePoints().filter(p -> p != '\t' && UntrustedText.hidden(p)))
                    .as("U+%04X", c)
                    .isEmpty();
            assertThat(shown).as("U+%04X", c).startsWith("a").endsWith("b");
        }
    }

    @Test
    void controlsBecomeControlPicturesAndBidiAndSeparatorsAreNamed() {
        assertThat(UntrustedText.visible("220 a\r\nb\0c\u001bd\u007f")).isEqualTo("220 a␍␊b␀c␛d␡");
        assertThat(UntrustedText.visible("evil\u202Egnp.exe")).isEqualTo("evil[U+202E]gnp.exe");
        assertThat(UntrustedText.visible("a\u2028S: 250 ok\u2029\u200E\u200F\u2066\u2069\u0085"))
                .isEqualTo("a[U+2028]S: 250 ok[U+2029][U+200E][U+200F][U+2066][U+2069][U+0085]");
        assertThat(UntrustedText.visible("tab\tstays")).isEqualTo("tab\tstays");
        assertThat(UntrustedText.visible(null)).isEmpty();
    }

    @Test
    void longTextIsCutToItsBoundWithAnEllipsis() {
        assertThat(UntrustedText.shown("x".repeat(20), 10)).isEqualTo("x".repeat(9) + "…");
        assertThat(UntrustedText.shown("x".repeat(10), 10)).isEqualTo("x".repeat(10));
        assertThat(UntrustedText.visible("y".repeat(5000))).hasSize(UntrustedText.MAX_LINE);
    }
}
