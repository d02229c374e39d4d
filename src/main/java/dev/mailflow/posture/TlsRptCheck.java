package dev.mailflow.posture;

import dev.mailflow.posture.PostureCheck.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.TextParseException;

/** SMTP TLS reporting (RFC 8460 §3): the {@code _smtp._tls} TXT record and its {@code rua} addresses. */
record TlsRptCheck(Lookups dns) {

    PostureCheck check(String domain) {
        Lookups.Texts txt;
        try {
            txt = dns.txt(Lookups.name("_smtp._tls." + domain));
        } catch (TextParseException e) {
            return result(domain, PostureStatus.UNKNOWN, "not a domain", List.of(), List.of(), List.of());
        }
        if (txt.answer().failed()) {
            return result(domain, PostureStatus.UNKNOWN, txt.answer().detail(), List.of(), List.of(), List.of());
        }
        List<String> records =
                txt.texts().stream().filter(t -> t.startsWith("v=TLSRPTv1")).toList();
        if (records.isEmpty()) {
            return result(domain, PostureStatus.NOT_PUBLISHED, "no _smtp._tls record", List.of(), List.of(), List.of());
        }
        if (records.size() > 1) {
            // RFC 8460 §3: several records mean no reports are sent.
            var note = new PostureNote(
                    "posture.tls-rpt-invalid", Map.of("domain", domain, "detail", "more than one TLSRPTv1 record"));
            return result(domain, PostureStatus.WARN, "more than one record", records, List.of(), List.of(note));
        }
        var rua = new ArrayList<String>();
        for (String uri :
                DmarcLookup.tags(records.getFirst()).getOrDefault("rua", "").split(",")) {
            if (!uri.isBlank()) {
                rua.add(uri.strip());
            }
        }
        if (rua.isEmpty()) {
            var note = new PostureNote(
                    "posture.tls-rpt-invalid", Map.of("domain", domain, "detail", "the record has no rua"));
            return result(domain, PostureStatus.WARN, "no rua", records, List.of(), List.of(note));
        }
        return result(domain, PostureStatus.PASS, "reports go to " + String.join(", ", rua), records, rua, List.of());
    }

    private static PostureCheck result(
            String domain,
            PostureStatus status,
            String summary,
            List<String> records,
            List<String> rua,
            List<PostureNote> notes) {
        return new PostureCheck(
                Kind.TLS_RPT, domain, status, summary, records, List.of(), notes, new PostureFacts.TlsRpt(rua));
    }
}
