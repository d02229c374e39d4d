package dev.mailflow.diagnosis;

import dev.mailflow.smtp.Notify;
import dev.mailflow.smtp.Phase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Delivery status notifications asked for but not possible. A client may send NOTIFY only to a
 * server that advertises DSN (RFC 3461 §4), so the session left it off; a real sender's request for
 * a delivery report is then dropped at this hop and no report will come (RFC 3461 §5.2.3).
 */
final class DsnRules {

    private final Wording wording;

    DsnRules(Wording wording) {
        this.wording = wording;
    }

    List<Finding> findings(RunFacts run) {
        // NOTIFY=NEVER asks for no report at all, so losing it loses nothing.
        if (run.dsnNotify().isEmpty() || run.dsnNotify().equals(Set.of(Notify.NEVER))) {
            return List.of();
        }
        var findings = new ArrayList<Finding>();
        for (var session : SessionView.of(run)) {
            if (session.extensions().containsKey("DSN")) {
                continue;
            }
            session.exchanges().stream()
                    .filter(e -> e.phase() == Phase.RCPT)
                    .findFirst()
                    .ifPresent(rcpt -> {
                        var vars = new HashMap<>(session.vars());
                        vars.put(
                                "notify",
                                run.dsnNotify().stream()
                                        .map(Notify::name)
                                        .sorted()
                                        .collect(Collectors.joining(",")));
                        var evidence = session.evidence(Phase.RCPT, rcpt.command());
                        findings.add(wording.finding("rcpt.dsn-not-offered", null, evidence, vars));
                    });
        }
        return findings;
    }
}
