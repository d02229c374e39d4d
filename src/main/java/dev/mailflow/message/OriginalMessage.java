package dev.mailflow.message;

import java.util.List;

/**
 * The message that bounced, from the headers the report returns (an attached message, {@code
 * text/rfc822-headers}, or the copy a text bounce quotes). Any field may be null.
 */
public record OriginalMessage(String from, String to, String subject, String date, String messageId) {

    static final OriginalMessage NONE = new OriginalMessage(null, null, null, null, null);

    static OriginalMessage of(List<HeaderField> headers) {
        return new OriginalMessage(
                shown(headers, "From"),
                shown(headers, "To"),
                shown(headers, "Subject"),
                shown(headers, "Date"),
                shown(headers, "Message-ID"));
    }

    /** No field of the original is known. */
    public boolean unknown() {
        return from == null && to == null && subject == null && date == null && messageId == null;
    }

    private static String shown(List<HeaderField> headers, String name) {
        var value = ReadMessage.first(headers, name);
        return value == null || value.isBlank() ? null : dev.mailflow.text.UntrustedText.shown(value, 500);
    }
}
