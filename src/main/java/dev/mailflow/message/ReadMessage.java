package dev.mailflow.message;

import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * A message as mailflow read it: its header fields in order and its parts decoded, within the
 * bounds of {@link MessageLimits}. What had to be cut or could not be read is said in {@code
 * flaws}, never thrown.
 *
 * @param source how it came in
 * @param shape a whole message, a header block only, or a text that is not a message
 * @param headers the message's own header fields, in order (empty for a fragment)
 * @param parts every part, depth first, in the order of the message; a fragment is one text part
 * @param rawBody the top-level body bytes as they came (DKIM's body hash is over these); empty for
 *     a fragment or a {@code .msg}
 * @param flaws what was broken or cut, in words (an unknown charset, a part limit reached)
 * @param mime the parsed message, for readers that need more; null for a fragment or a {@code .msg}
 */
public record ReadMessage(
        Source source,
        Shape shape,
        List<HeaderField> headers,
        List<MessagePart> parts,
        byte[] rawBody,
        List<String> flaws,
        MimeMessage mime) {

    public enum Source {
        PASTED,
        EML,
        MSG
    }

    public enum Shape {
        MESSAGE,
        HEADERS_ONLY,
        FRAGMENT
    }

    public ReadMessage {
        headers = List.copyOf(headers);
        parts = List.copyOf(parts);
        flaws = List.copyOf(flaws);
    }

    /** The first field called {@code name}, or null. */
    public String header(String name) {
        return first(headers, name);
    }

    /** Every field called {@code name}, in order. */
    public List<HeaderField> headers(String name) {
        return headers.stream().filter(h -> h.is(name)).toList();
    }

    /** The text parts (not attached header blocks) at the given level, in order. */
    public List<MessagePart> textParts(int level) {
        return parts.stream().filter(p -> p.level() == level && p.isText()).toList();
    }

    static String first(List<HeaderField> fields, String name) {
        for (var field : fields) {
            if (field.is(name)) {
                return field.value();
            }
        }
        return null;
    }
}
