package dev.mailflow.message;

import java.util.Locale;

/** RFC 3464 §2.3.3: what the reporting server did with a recipient. */
public enum Action {
    FAILED,
    DELAYED,
    DELIVERED,
    RELAYED,
    EXPANDED;

    /** The action a {@code Action:} field names, or null for anything else. */
    static Action of(String field) {
        if (field == null) {
            return null;
        }
        // RFC 3464 allows a comment after the action ("failed (bad mailbox)").
        var word = field.strip().split("[\\s(;]", 2)[0].toLowerCase(Locale.ROOT);
        return switch (word) {
            case "failed" -> FAILED;
            case "delayed" -> DELAYED;
            case "delivered" -> DELIVERED;
            case "relayed" -> RELAYED;
            case "expanded" -> EXPANDED;
            default -> null;
        };
    }

    /** What a status or reply class implies when a format names no action: 5 failed, 4 delayed, 2 delivered. */
    static Action ofClass(int digit) {
        return switch (digit) {
            case 5 -> FAILED;
            case 4 -> DELAYED;
            case 2 -> DELIVERED;
            default -> null;
        };
    }
}
