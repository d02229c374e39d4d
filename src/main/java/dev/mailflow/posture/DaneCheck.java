package dev.mailflow.posture;

import dev.mailflow.dns.MxHost;
import dev.mailflow.posture.PostureCheck.Kind;
import dev.mailflow.posture.PostureFacts.DaneState;
import dev.mailflow.posture.PostureFacts.DnssecStatus;
import dev.mailflow.tls.TlsFacts;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xbill.DNS.Name;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * DANE for SMTP (RFC 7672): the DNSSEC-validated TLSA records at {@code _25._tcp.<mx host>},
 * matched against the chain each session to that host saw. An unsigned answer means "no DANE"
 * (§2.2), a bogus one is a failure. DANE-EE(3) and DANE-TA(2) records with SHA-256 are matched;
 * PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP (§3.1.3), and full-data or SHA-512 records cannot
 * be compared with the fingerprints a session keeps.
 */
final class DaneCheck {

    /** A host list past this is cut: each host costs a validated lookup. */
    static final int MAX_HOSTS = 10;

    private final SecureLookup secure;

    DaneCheck(SecureLookup secure) {
        this.secure = secure;
    }

    record Read(Map<String, SecureLookup.Secured> tlsa) {}

    Read read(List<MxHost> hosts) {
        var answers = new LinkedHashMap<String, SecureLookup.Secured>();
        for (MxHost host : hosts.stream().limit(MAX_HOSTS).toList()) {
            try {
                answers.put(host.name(), secure.ask(Name.fromString("_25._tcp." + host.name() + "."), Type.TLSA));
            } catch (TextParseException e) {
                answers.put(host.name(), new SecureLookup.Secured(DnssecStatus.UNKNOWN, List.of(), "not a name"));
            }
        }
        return new Read(answers);
    }

    PostureCheck judge(String domain, Read read, List<SessionSeen> sessions) {
        var states = new LinkedHashMap<String, DaneState>();
        var records = new ArrayList<String>();
        var evidence = new ArrayList<String>();
        var notes = new ArrayList<PostureNote>();
        read.tlsa().forEach((host, answer) -> {
            answer.records().forEach(r -> records.add("_25._tcp." + host + " TLSA " + r.rdataToString()));
            DaneState state = state(host, answer, sessions, evidence);
            states.put(host, state);
            switch (state) {
                case BOGUS ->
                    notes.add(new PostureNote(
                            "posture.dane-bogus", Map.of("host", host, "detail", String.valueOf(answer.detail()))));
                case MISMATCH -> notes.add(new PostureNote("posture.dane-mismatch", Map.of("host", host)));
                default -> {}
            }
        });
        PostureStatus status;
        if (states.containsValue(DaneState.BOGUS) || states.containsValue(DaneState.MISMATCH)) {
            status = PostureStatus.FAIL;
        } else if (states.containsValue(DaneState.VALID)) {
            status = states.containsValue(DaneState.UNTESTED) ? PostureStatus.WARN : PostureStatus.PASS;
        } else if (states.containsValue(DaneState.UNTESTED)) {
            status = PostureStatus.UNKNOWN;
        } else {
            status = PostureStatus.NOT_PUBLISHED;
        }
        String summary = states.isEmpty() ? "no MX host" : summary(states);
        return new PostureCheck(
                Kind.DANE, domain, status, summary, records, evidence, notes, new PostureFacts.Dane(states));
    }

    private static DaneState state(
            String host, SecureLookup.Secured answer, List<SessionSeen> sessions, List<String> evidence) {
        switch (answer.status()) {
            case BOGUS -> {
                evidence.add(host + ": " + answer.detail());
                return DaneState.BOGUS;
            }
            case UNKNOWN -> {
                evidence.add(host + ": " + answer.detail());
                return DaneState.UNTESTED;
            }
            case INSECURE -> {
                if (!answer.records().isEmpty()) {
                    evidence.add(host + ": TLSA records without DNSSEC are ignored (RFC 7672 §2.2)");
                }
                return DaneState.NONE;
            }
            case SECURE -> {
                if (answer.records().isEmpty()) {
                    return DaneState.NONE;
                }
            }
        }
        List<TLSARecord> tlsa = answer.records().stream()
                .filter(TLSARecord.class::isInstance)
                .map(TLSARecord.class::cast)
                .toList();
        List<TlsFacts> seen = sessions.stream()
                .filter(s -> s.host().equalsIgnoreCase(host)
                        && s.tls() != null
                        && !s.tls().chain().isEmpty())
                .map(SessionSeen::tls)
                .toList();
        if (seen.isEmpty()) {
            evidence.add(host + ": no session saw a certificate to compare");
            return DaneState.UNTESTED;
        }
        for (TlsFacts facts : seen) {
            if (tlsa.stream().noneMatch(r -> matches(r, facts))) {
                evidence.add(host + ": no TLSA record matches the chain (leaf "
                        + facts.chain().getFirst().sha256() + ")");
                return DaneState.MISMATCH;
            }
        }
        evidence.add(host + ": a TLSA record matches the chain every session saw");
        return DaneState.VALID;
    }

    static boolean matches(TLSARecord record, TlsFacts tls) {
        if (record.getMatchingType() != TLSARecord.MatchingType.SHA256) {
            return false;
        }
        String wanted = HexFormat.ofDelimiter(":").withUpperCase().formatHex(record.getCertificateAssociationData());
        var chain = tls.chain();
        List<TlsFacts.CertificateFacts> candidates = switch (record.getCertificateUsage()) {
            case TLSARecord.CertificateUsage.DOMAIN_ISSUED_CERTIFICATE -> chain.subList(0, 1);
            case TLSARecord.CertificateUsage.TRUST_ANCHOR_ASSERTION ->
                chain.subList(Math.min(1, chain.size()), chain.size());
            default -> List.of();
        };
        return candidates.stream()
                .anyMatch(c -> wanted.equals(
                        record.getSelector() == TLSARecord.Selector.SUBJECT_PUBLIC_KEY_INFO
                                ? c.spkiSha256()
                                : c.sha256()));
    }

    private static String summary(Map<String, DaneState> states) {
        var parts = new ArrayList<String>();
        states.forEach((host, state) ->
                parts.add(host + " " + state.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
        return String.join(", ", parts);
    }
}
