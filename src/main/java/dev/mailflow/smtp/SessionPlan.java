package dev.mailflow.smtp;

import dev.mailflow.mail.EhloName;
import dev.mailflow.mail.MailAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

/**
 * Everything one session needs, from validated values only.
 *
 * @param address the already policy-checked address to connect to (never resolved again)
 * @param serverName the MX host name (SNI, host-name check, display); the address literal when none
 * @param ehlo the name to greet with
 * @param mailFrom the reverse-path; {@link MailAddress#NULL_SENDER} for {@code MAIL FROM:<>}
 * @param rcptTo one RCPT TO per recipient, in order
 * @param quitAfter the last phase to run before QUIT
 */
public record SessionPlan(
        InetSocketAddress address,
        String serverName,
        EhloName ehlo,
        MailAddress mailFrom,
        List<MailAddress> rcptTo,
        TlsMode tls,
        Phase quitAfter,
        Set<Notify> dsnNotify,
        Timeouts timeouts) {

    public SessionPlan {
        rcptTo = List.copyOf(rcptTo);
        dsnNotify = Set.copyOf(dsnNotify);
    }
}
