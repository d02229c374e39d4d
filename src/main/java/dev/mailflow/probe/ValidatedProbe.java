package dev.mailflow.probe;

import dev.mailflow.smtp.EhloName;
import dev.mailflow.smtp.MailAddress;
import dev.mailflow.smtp.Notify;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.TlsMode;
import java.util.List;
import java.util.Set;

/**
 * A request after validation and defaults: every value is safe to put on the wire.
 *
 * @param host the explicit host (DNS bypassed for MX), or null to use the domain's MX plan
 * @param message the test message, present only when {@code quitAfter == DATA}
 */
record ValidatedProbe(
        String domain,
        MailAddress mailFrom,
        List<MailAddress> rcptTo,
        String host,
        int port,
        EhloName ehlo,
        TlsMode tls,
        Set<Notify> dsnNotify,
        Phase quitAfter,
        boolean allMx,
        ProbeRequest.Message message) {}
