package dev.mailflow.inbox;

import java.util.Locale;

/**
 * How the listener ended one message or recipient: its label on {@code
 * mailflow_inbox_messages_total{result}}, and for refusals the one reply it sends (RFC 5321 §4.2,
 * enhanced codes of RFC 3463).
 */
enum Result {
    RECEIVED(250, "2.0.0 received; the report is on its way"),
    UNKNOWN_ADDRESS(550, "5.1.1 no such test address here; ask mailflow for one"),
    EXPIRED(550, "5.1.1 this test address has expired; ask mailflow for a new one"),
    ALREADY_RECEIVED(550, "5.7.1 this test address already received its one message; ask mailflow for a new one"),
    RELAY_REFUSED(550, "5.7.1 relaying denied: this server only takes mail for its test addresses"),
    TOO_LARGE(552, "5.3.4 message too big for a test address"),
    BUSY(452, "4.3.1 too many messages arriving at once; try again shortly"),
    RATE_LIMITED(421, "4.7.0 too many connections from your address; try again later"),
    TOO_MANY_REFUSALS(421, "4.7.0 too many refused recipients; closing the connection");

    final int code;
    final String text;

    Result(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The metric label: {@code unknown_address}, {@code too_large}... */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
