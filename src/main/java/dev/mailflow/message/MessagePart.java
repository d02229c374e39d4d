package dev.mailflow.message;

import java.util.List;

/**
 * One part of a message, decoded: its transfer encoding undone and its text in characters.
 *
 * @param contentType the base type in lower case ({@code text/plain}, {@code message/delivery-status})
 * @param level how many attached messages ({@code message/rfc822}) enclose it: 0 in the message
 *     itself, 1 inside the message a bounce returns, 2 inside a bounce that was forwarded as an
 *     attachment...
 * @param text the decoded text of a text part, of {@code message/delivery-status}, {@code
 *     message/feedback-report} and similar; the header block of an attached message or of {@code
 *     text/rfc822-headers}; empty for binary parts, which are never decoded
 * @param headers the header fields of an attached message or of {@code text/rfc822-headers}; else
 *     empty
 * @param fileName the name the part's {@code Content-Disposition} or {@code Content-Type} gives, or
 *     null
 */
public record MessagePart(String contentType, int level, String text, List<HeaderField> headers, String fileName) {

    public MessagePart {
        headers = List.copyOf(headers);
    }

    public boolean isText() {
        return contentType.startsWith("text/") && !isHeaders();
    }

    /** An attached message or an attached header block: the message a report is about. */
    public boolean isHeaders() {
        return contentType.equals("message/rfc822")
                || contentType.equals("message/global")
                || contentType.equals("text/rfc822-headers")
                || contentType.equals("message/global-headers");
    }

    /** The first field called {@code name} of an attached message, or null. */
    public String header(String name) {
        return ReadMessage.first(headers, name);
    }
}
