package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.diagnosis.Reason;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionFacts;
import dev.mailflow.text.UntrustedText;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per finished run on the {@code mailflow.audit} logger, in {@code key=value} form: who,
 * when, which domain, which addresses and ports were contacted, whether a message went out with
 * DATA, whether the request let credentials go over TLS that does not protect them, how it ended. Never a password, a subject or a body: an audit log outlives the runs.
 */
final class RunAudit implements RunObserver {

    static final String LOGGER = "mailflow.audit";

    private final Logger log;

    RunAudit() {
        this(LoggerFactory.getLogger(LOGGER));
    }

    RunAudit(Logger log) {
        this.log = log;
    }

    @Override
    public void finished(ProbeRun run) {
        log.info(line(run));
    }

    static String line(ProbeRun finished) {
        var run = finished.snapshot();
        var sessions = run.sessions();
        var contacted = sessions.stream()
                .map(s -> s.addressText() + ":" + s.port())
                .distinct()
                .collect(Collectors.joining(","));
        var hosts = sessions.stream().map(SessionFacts::host).distinct().collect(Collectors.joining(","));
        var dataSent = sessions.stream()
                .map(SessionFacts::result)
                .filter(Objects::nonNull)
                .anyMatch(r -> r.phase() == Phase.DATA);
        var domain = finished.domain();
        return "run=" + value(run.id())
                + " user=" + value(run.owner())
                + " started=" + run.startedAt()
                + " finished=" + run.finishedAt().map(Object::toString).orElse("-")
                + " domain=" + value(domain)
                + " mx=" + value(hosts)
                + " contacted=" + value(contacted)
                + " data=" + (run.request().quitAfter() == Phase.DATA)
                + " dataSent=" + dataSent
                + " authOverUntrustedTls="
                + (run.request().auth() != null && run.request().auth().overUntrustedTls())
                + " status=" + run.status()
                + " verdict="
                + run.diagnosis().map(d -> RunOutcome.of(d).name()).orElse("-")
                + " reason="
                + run.diagnosis().flatMap(Diagnosis::reason).map(Reason::name).orElse("-")
                + " partOf=" + value(finished.origin().partOf());
    }

    /** A value that cannot break the line or fake another key (the one rule, in {@code text}). */
    static String value(String raw) {
        return UntrustedText.auditValue(raw);
    }
}
