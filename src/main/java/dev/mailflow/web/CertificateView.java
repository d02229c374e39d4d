package dev.mailflow.web;

import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.tls.TlsFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The certificates the servers presented, each chain once with the servers that sent it (both
 * addresses of a dual-stack host usually send the same).
 *
 * @param servers "mx.example.com [192.0.2.25]" for every session that got this chain
 * @param tls the handshake's facts; the chain's first certificate is the server's own
 */
record CertificateView(List<String> servers, TlsFacts tls) {

    static List<CertificateView> of(List<SessionFacts> sessions) {
        var byChain = new LinkedHashMap<Object, CertificateView>();
        for (var session : sessions) {
            var tls = session.result() == null ? null : session.result().tls();
            if (tls == null || tls.chain().isEmpty()) {
                continue;
            }
            var server = session.host() + " [" + session.addressText() + "]";
            byChain.computeIfAbsent(tls.chain(), c -> new CertificateView(new ArrayList<>(), tls))
                    .servers()
                    .add(server);
        }
        return byChain.values().stream()
                .map(v -> new CertificateView(List.copyOf(v.servers()), v.tls()))
                .toList();
    }
}
