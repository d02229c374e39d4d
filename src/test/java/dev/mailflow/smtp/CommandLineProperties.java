package dev.mailflow.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.mail.EhloName;
import dev.mailflow.mail.InvalidInputException;
import dev.mailflow.mail.MailAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Whatever a user types into any field, either validation refuses it or the bytes on the wire are
 * exactly one CRLF per command, with no CR or LF anywhere else.
 */
class CommandLineProperties {

    @Property(tries = 2000)
    void validationRefusesOrTheWireCarriesOneCrlfPerCommand(
            @ForAll("names") String ehlo, @ForAll("addresses") String from, @ForAll("addresses") String to)
            throws Exception {
        // The property is only worth something if many inputs get past validation.
        Statistics.label("validated").coverage(c -> c.check(true).percentage(p -> p > 20));
        var name = parsed(() -> EhloName.parse(ehlo), EhloName.parse("mx.test"));
        var sender = parsed(() -> MailAddress.parse(from), MailAddress.NULL_SENDER);
        var recipient = parsed(() -> MailAddress.parse(to), MailAddress.parse("kate@example.com"));
        var lines = new ArrayList<String>();
        lines.add(Commands.ehlo(name));
        lines.add(Commands.helo(name));
        lines.add(Commands.mailFrom(sender, new Commands.MailParameters(10, true, true, true, "env")));
        lines.add(Commands.rcptTo(recipient, EnumSet.of(Notify.SUCCESS, Notify.FAILURE)));
        lines.add(Commands.rcptTo(recipient, EnumSet.noneOf(Notify.class)));
        var wire = new ByteArrayOutputStream();

        new LineWriter(wire).write(lines);

        assertWireHasOnlyLineEndCrlfs(wire.toByteArray(), lines.size());
    }

    /** The parsed value, or the fallback when validation refuses the text. */
    private static <T> T parsed(Supplier<T> parse, T fallback) {
        try {
            T value = parse.get();
            Statistics.label("validated").collect(true);
            return value;
        } catch (InvalidInputException refused) {
            Statistics.label("validated").collect(false);
            return fallback;
        }
    }

    static void assertWireHasOnlyLineEndCrlfs(byte[] wire, int commands) {
        int crlfs = 0;
        for (int i = 0; i < wire.length; i++) {
            if (wire[i] == '\r') {
                assertThat(i + 1 < wire.length && wire[i + 1] == '\n')
                        .as("bare CR in %s", new String(wire, StandardCharsets.UTF_8))
                        .isTrue();
                crlfs++;
            } else if (wire[i] == '\n') {
                assertThat(i > 0 && wire[i - 1] == '\r').as("bare LF").isTrue();
            } else {
                assertThat(wire[i]).as("NUL").isNotZero();
            }
        }
        assertThat(crlfs).isEqualTo(commands);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(domains(), Arbitraries.strings().ofMaxLength(80));
    }

    @Provide
    Arbitrary<String> addresses() {
        var structured = Combinators.combine(locals(), domains()).as((local, domain) -> local + "@" + domain);
        return Arbitraries.frequencyOf(
                Tuple.of(6, structured),
                Tuple.of(2, fragments(8)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(80)));
    }

    private Arbitrary<String> locals() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("kate", "k.smith", "a+b", "jürgen", "\"q u\"", "x_y", "o'neil")),
                Tuple.of(2, fragments(4)));
    }

    private Arbitrary<String> domains() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("example.com", "mx.test", "bücher.example", "[192.0.2.1]", "[IPv6:::1]")),
                Tuple.of(2, fragments(4)));
    }

    /** Pieces of valid syntax mixed with the ones injection attempts use. */
    private Arbitrary<String> fragments(int most) {
        var pieces = Arbitraries.of(
                "kate",
                "@",
                ".",
                "example.com",
                "\"",
                "\\",
                "[",
                "]",
                "IPv6:",
                "::1",
                "192.0.2.1",
                "ü",
                "ｅ",
                "\r",
                "\n",
                "\r\n",
                "\u0000",
                "\u2028",
                "\u0085",
                "\u202e",
                "\r\nRCPT TO:<evil@example.net>",
                " ",
                "-",
                "xn--",
                "<",
                ">");
        return pieces.list().ofMinSize(1).ofMaxSize(most).map(parts -> String.join("", parts));
    }
}
