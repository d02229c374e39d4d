package dev.mailflow.smtp;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An enhanced mail system status code, {@code class.subject.detail} (RFC 3463 §2). The class is 2, 4
 * or 5; subject and detail are 0-999 with no leading zeros.
 */
public record EnhancedStatus(int statusClass, int subject, int detail) {

    private static final Pattern LEADING = Pattern.compile("^([245])\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})(?=\\s|$)");

    public EnhancedStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("enhanced status class must be 2, 4 or 5: " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("enhanced status subject and detail are 0-999");
        }
    }

    /** Parses a code written alone, as in {@code 5.1.1}. */
    public static Optional<EnhancedStatus> parse(String code) {
        return leading(code == null ? "" : code.strip())
                .filter(s -> s.toString().equals(code.strip()));
    }

    /** Parses the enhanced code that starts a reply's text, as in {@code 5.1.1 User unknown}. */
    public static Optional<EnhancedStatus> leading(String text) {
        var m = LEADING.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatus(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    @Override
    public String toString() {
        return statusClass + "." + subject + "." + detail;
    }
}
