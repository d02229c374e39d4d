package dev.mailflow.message;

import dev.mailflow.text.UntrustedText;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * An abuse or complaint report's machine-readable part (RFC 5965 §3.1, {@code
 * message/feedback-report}): what kind of feedback, and about which sending address and message.
 */
public record Feedback(
        String feedbackType,
        String userAgent,
        String sourceIp,
        String originalMailFrom,
        String originalRcptTo,
        String arrivalDate,
        String reportedDomain) {

    static Feedback read(String fields) {
        try {
            var h = new InternetHeaders(new ByteArrayInputStream(fields.getBytes(StandardCharsets.UTF_8)), true);
            return new Feedback(
                    field(h, "Feedback-Type"),
                    field(h, "User-Agent"),
                    field(h, "Source-IP"),
                    field(h, "Original-Mail-From"),
                    field(h, "Original-Rcpt-To"),
                    field(h, "Arrival-Date"),
                    field(h, "Reported-Domain"));
        } catch (jakarta.mail.MessagingException | RuntimeException e) {
            return new Feedback(null, null, null, null, null, null, null);
        }
    }

    private static String field(InternetHeaders h, String name) {
        var value = h.getHeader(name, ", ");
        return value == null || value.isBlank() ? null : UntrustedText.shown(Headers.unfold(value), 320);
    }
}
