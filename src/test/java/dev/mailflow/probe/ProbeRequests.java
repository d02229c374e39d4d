package dev.mailflow.probe;

import dev.mailflow.smtp.Notify;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.Ret;
import dev.mailflow.smtp.TlsMode;
import java.util.List;
import java.util.function.Consumer;

/**
 * Probe requests for tests, each field by its name instead of fifteen arguments in a row:
 * {@code ProbeRequests.request(r -> { r.rcptTo = List.of("kate@example.com"); r.port = 25; })}.
 * What a test does not set is null, the request's "use the default".
 */
public final class ProbeRequests {

    private ProbeRequests() {}

    /** The fields of {@link ProbeRequest}, as the JSON contract names them. */
    public static final class Fields {
        public String domain;
        public String mailFrom;
        public List<String> rcptTo = List.of();
        public String host;
        public Integer port;
        public String ehlo;
        public TlsMode tls;
        public List<Notify> notify;
        public Phase quitAfter;
        public Boolean allMx;
        public ProbeRequest.Message message;
        public Boolean pipelining;
        public Ret ret;
        public String envid;
        public ProbeRequest.Auth auth;
        public List<String> vantages;
    }

    public static ProbeRequest request(Consumer<Fields> set) {
        var f = new Fields();
        set.accept(f);
        return new ProbeRequest(
                f.domain,
                f.mailFrom,
                f.rcptTo,
                f.host,
                f.port,
                f.ehlo,
                f.tls,
                f.notify,
                f.quitAfter,
                f.allMx,
                f.message,
                f.pipelining,
                f.ret,
                f.envid,
                f.auth,
                f.vantages);
    }

    /**
     * What a helpdesk typically asks: kate at {@code domain}, from contoso's helpdesk, STARTTLS when
     * offered, stop after RCPT, every MX host.
     */
    public static ProbeRequest kateAt(String domain) {
        return request(r -> {
            r.domain = domain;
            r.mailFrom = "helpdesk@contoso.com";
            r.rcptTo = List.of("kate@" + domain);
            r.port = 25;
            r.ehlo = "contoso.com";
            r.tls = TlsMode.OPPORTUNISTIC;
            r.quitAfter = Phase.RCPT;
            r.allMx = true;
        });
    }
}
