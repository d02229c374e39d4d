package dev.mailflow.probe;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.mailflow.smtp.Notify;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.TlsMode;
import java.util.List;

/**
 * A probe as a user asked for it (the JSON contract of {@code POST /api/probes}); nothing here is
 * validated yet. Null means "use the default".
 *
 * @param domain defaults to the first recipient's domain
 * @param dsnNotify the JSON field {@code notify} ({@code notify} cannot name a record component)
 * @param host an explicit host name or IP literal; skips the MX lookup
 */
public record ProbeRequest(
        String domain,
        String mailFrom,
        List<String> rcptTo,
        String host,
        Integer port,
        String ehlo,
        TlsMode tls,
        @JsonProperty("notify") List<Notify> dsnNotify,
        Phase quitAfter,
        Boolean allMx,
        Message message) {

    public ProbeRequest {
        rcptTo = rcptTo == null ? List.of() : List.copyOf(rcptTo);
        dsnNotify = dsnNotify == null ? List.of() : List.copyOf(dsnNotify);
    }

    /** The test message sent with DATA (subject and body only: never raw data). */
    public record Message(String subject, String body) {}
}
