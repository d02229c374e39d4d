package dev.mailflow.smtp;

import java.util.List;

/**
 * Which replies belong to an open mail transaction. With PIPELINING the client sends MAIL and the
 * RCPTs in one write, and the server answers every one of them even when MAIL failed; RFC 2920
 * §3.1 has the client check each reply, and a RCPT reply after a failed MAIL accepts nothing,
 * because there is no transaction for the recipient to join (RFC 5321 §4.1.1.3).
 */
public final class MailTransaction {

    private MailTransaction() {}

    /**
     * Whether the exchange at {@code index} ran inside a transaction that MAIL opened with a 2xx:
     * true for the MAIL itself when accepted, and for RCPT/DATA replies after an accepted MAIL.
     */
    public static boolean open(List<Exchange> exchanges, int index) {
        for (int i = index; i >= 0; i--) {
            var exchange = exchanges.get(i);
            if (exchange.phase() == Phase.MAIL) {
                return exchange.reply() != null && exchange.reply().codeClass() == 2;
            }
        }
        return false;
    }

    /** A RCPT accepted in an open transaction: a recipient the server will take mail for. */
    public static boolean acceptedRecipient(List<Exchange> exchanges, int index) {
        var exchange = exchanges.get(index);
        return exchange.phase() == Phase.RCPT
                && exchange.reply() != null
                && exchange.reply().codeClass() == 2
                && open(exchanges, index);
    }

    /** A reply to RCPT or DATA after MAIL was refused: answered, but void. */
    public static boolean voidReply(List<Exchange> exchanges, int index) {
        var phase = exchanges.get(index).phase();
        return (phase == Phase.RCPT || phase == Phase.DATA) && !open(exchanges, index);
    }
}
