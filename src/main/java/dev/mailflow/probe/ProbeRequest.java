package dev.mailflow.probe;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.mailflow.smtp.Notify;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.Ret;
import dev.mailflow.smtp.TlsMode;
import java.util.List;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A probe as a user asked for it (the JSON contract of {@code POST /api/probes}); nothing here is
 * validated yet. Null means "use the default".
 *
 * @param domain defaults to the first recipient's domain
 * @param dsnNotify the JSON field {@code notify} ({@code notify} cannot name a record component)
 * @param host an explicit host name or IP literal; skips the MX lookup
 * @param pipelining null or true: MAIL and RCPT in one write when the server offers PIPELINING
 * @param ret the DSN {@code RET} (RFC 3461 §4.3)
 * @param envid the DSN {@code ENVID} (RFC 3461 §4.4)
 * @param auth credentials for AUTH on a submission port; only sent over TLS, never stored whole
 * @param vantages the vantages to run it from ({@code ["all"]}: every live one); empty: here
 */
public record ProbeRequest(
        String domain,
        String mailFrom,
        @JsonDeserialize(using = RecipientListReader.class) List<String> rcptTo,
        String host,
        Integer port,
        String ehlo,
        TlsMode tls,

        @JsonProperty("notify") @JsonSetter(contentNulls = Nulls.FAIL)
        List<Notify> dsnNotify,

        Phase quitAfter,
        Boolean allMx,
        Message message,
        Boolean pipelining,
        Ret ret,
        String envid,
        Auth auth,
        @JsonSetter(contentNulls = Nulls.FAIL) List<String> vantages) {

    public ProbeRequest {
        rcptTo = rcptTo == null ? List.of() : List.copyOf(rcptTo);
        vantages = vantages == null ? List.of() : List.copyOf(vantages);
        dsnNotify = dsnNotify == null ? List.of() : List.copyOf(dsnNotify);
    }

    /**
     * This request as it may be kept and shown: the password replaced by null. A run stores this,
     * so that no view, export or log of the run can carry the password.
     */
    public ProbeRequest withoutSecrets() {
        if (auth == null || auth.password() == null) {
            return this;
        }
        return copyWith(new Auth(auth.username(), null, auth.untrustedTls()), vantages);
    }

    /** What one vantage runs of this request: the same check, from where it is, without secrets. */
    ProbeRequest forPart() {
        return withoutSecrets().from(List.of());
    }

    /** This request asked from {@code vantages} instead ({@code ["all"]}: every live one). */
    public ProbeRequest from(List<String> vantages) {
        return copyWith(auth, vantages);
    }

    private ProbeRequest copyWith(Auth auth, List<String> vantages) {
        return new ProbeRequest(
                domain,
                mailFrom,
                rcptTo,
                host,
                port,
                ehlo,
                tls,
                dsnNotify,
                quitAfter,
                allMx,
                message,
                pipelining,
                ret,
                envid,
                auth,
                vantages);
    }

    /** The test message sent with DATA (subject and body only: never raw data). */
    public record Message(String subject, String body) {}

    /**
     * A user name and password for AUTH PLAIN or LOGIN (RFC 4954). The password is read from JSON
     * but never written to it, and never printed.
     *
     * @param untrustedTls true sends the credentials even over TLS whose certificate is not trusted
     *     or does not name the host (a lab server); the run's findings and audit line say so
     */
    public record Auth(
            String username,

            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
            String password,

            Boolean untrustedTls) {

        public Auth(String username, String password) {
            this(username, password, null);
        }

        /** Whether the request opted in to sending credentials over untrusted TLS. */
        public boolean overUntrustedTls() {
            return Boolean.TRUE.equals(untrustedTls);
        }

        @Override
        public String toString() {
            return "Auth[username=" + username + ", password=" + (password == null ? "none" : "****")
                    + ", untrustedTls=" + untrustedTls + "]";
        }
    }
}
