package dev.mailflow.probe;

import dev.mailflow.mail.EhloName;
import dev.mailflow.mail.MailAddress;
import dev.mailflow.smtp.Notify;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.Ret;
import dev.mailflow.smtp.TlsMode;
import java.util.List;
import java.util.Set;

/**
 * A request after validation and defaults: every value is safe to put on the wire. A run keeps this
 * (the password for AUTH travels apart: see {@link ProbeValidation.Checked}), so every view, store
 * and filter reads the values that were probed.
 *
 * @param domain the domain in A-labels (the one domain of the run), or null with only a host
 * @param host the explicit host (DNS bypassed for MX), or null to use the domain's MX plan
 * @param message the test message, present only when {@code quitAfter == DATA}
 * @param ret the DSN RET, or null for the session's default
 * @param envid the DSN ENVID, or null for none
 */
public record ValidatedProbe(
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
        ProbeRequest.Message message,
        boolean pipelining,
        Ret ret,
        String envid) {

    public ValidatedProbe {
        rcptTo = List.copyOf(rcptTo);
    }

    /**
     * The name the run is about: the domain, or the explicit host when no domain is given; what the
     * run is stored, listed and filtered under.
     */
    public String target() {
        return domain != null ? domain : host;
    }
}
