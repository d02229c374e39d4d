package dev.mailflow.diagnosis;

import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.smtp.TlsMode;
import dev.mailflow.tls.TlsFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Findings about STARTTLS and certificates. The handshake accepts any certificate so that it can
 * be reported; here we say which problems would make a sender that enforces MTA-STS (RFC 8461) or
 * DANE (RFC 7672) refuse delivery, while opportunistic senders deliver anyway.
 */
final class TlsRules {

    /** Warn this many days before a certificate expires. */
    static final int EXPIRY_WARNING_DAYS = 14;

    private final Wording wording;

    TlsRules(Wording wording) {
        this.wording = wording;
    }

    List<Finding> findings(RunFacts run) {
        var findings = new ArrayList<Finding>();
        for (var session : SessionView.of(run)) {
            var tls = session.facts().result() == null
                    ? null
                    : session.facts().result().tls();
            var offered = session.extensions().containsKey("STARTTLS");
            var vars = new HashMap<>(session.vars());
            var evidence = evidence(session, tls);
            if (session.outcome() == SessionOutcome.TLS_FAILED
                    && !offered
                    && tls == null
                    && run.tls() != TlsMode.IMPLICIT) {
                findings.add(wording.finding("tls.required-not-offered", null, evidence, vars));
            } else if (tls != null) {
                credentials(session, tls, evidence, vars, findings);
                certificate(tls, evidence, vars, findings);
            } else if (run.tls() == TlsMode.OPPORTUNISTIC && ehloAnswered(session) && !offered) {
                findings.add(wording.finding("tls.not-offered", null, evidence, vars));
            }
        }
        return findings;
    }

    /** AUTH is stopped before it starts over TLS that does not protect it, or went out because the request insisted. */
    private void credentials(
            SessionView session,
            TlsFacts tls,
            Evidence evidence,
            HashMap<String, String> vars,
            List<Finding> findings) {
        var unprotected = !tls.trusted() || !Boolean.TRUE.equals(tls.hostnameMatches());
        if (session.outcome() == SessionOutcome.TLS_FAILED && session.phase() == Phase.AUTH) {
            findings.add(wording.finding("auth.untrusted-tls-refused", null, session.outcomeEvidence(), vars));
        } else if (unprotected && session.exchanges().stream().anyMatch(e -> e.phase() == Phase.AUTH)) {
            findings.add(wording.finding("auth.untrusted-tls-sent", null, evidence, vars));
        }
    }

    private void certificate(TlsFacts tls, Evidence evidence, HashMap<String, String> vars, List<Finding> findings) {
        if (tls.failure() != null) {
            vars.put("problem", SessionView.bounded(tls.failure()));
            findings.add(wording.finding("tls.handshake-failed", null, evidence, vars));
            return;
        }
        var days = tls.daysUntilExpiry();
        var expired = days != null && days < 0;
        if (!tls.trusted() && !expired) {
            vars.put("problem", tls.trustProblem() == null ? "not trusted" : SessionView.bounded(tls.trustProblem()));
            findings.add(wording.finding("tls.untrusted", null, evidence, vars));
        }
        if (Boolean.FALSE.equals(tls.hostnameMatches())) {
            findings.add(wording.finding("tls.host-mismatch", null, evidence, vars));
        }
        if (expired) {
            vars.put("days", String.valueOf(-days));
            findings.add(wording.finding("tls.expired", null, evidence, vars));
        } else if (days != null && days < EXPIRY_WARNING_DAYS) {
            vars.put("days", String.valueOf(days));
            findings.add(wording.finding("tls.expiring", null, evidence, vars));
        }
    }

    private static boolean ehloAnswered(SessionView session) {
        return session.exchanges().stream()
                .anyMatch(e -> e.phase() == Phase.EHLO
                        && e.reply() != null
                        && e.reply().codeClass() == 2);
    }

    private static Evidence evidence(SessionView session, TlsFacts tls) {
        var starttls = session.exchanges().stream()
                .filter(e -> e.phase() == Phase.TLS && e.reply() != null)
                .findFirst();
        if (starttls.isPresent()) {
            return session.evidence(starttls.get());
        }
        if (tls != null && tls.protocol() != null) {
            return session.evidence(Phase.TLS, tls.protocol() + " " + tls.cipherSuite());
        }
        var ehlo = session.exchanges().stream()
                .filter(e -> e.phase() == Phase.EHLO && e.reply() != null)
                .reduce((a, b) -> b);
        return ehlo.map(session::evidence).orElse(session.outcomeEvidence());
    }
}
