package dev.mailflow.probe;

import dev.mailflow.diagnosis.Diagnoser;
import dev.mailflow.diagnosis.Diagnosis;
import dev.mailflow.diagnosis.RunFacts;
import dev.mailflow.dns.MxHost;
import dev.mailflow.dns.MxPlan;
import dev.mailflow.dns.MxResolver;
import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.probe.ProbeEvent.Kind;
import dev.mailflow.smtp.SessionResult;
import dev.mailflow.text.AddressText;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one run, start to end: MX plan, target checks, sessions under the slots' bounds,
 * diagnosis. Never throws; a failure of mailflow itself ends the run as FAILED.
 */
final class RunExecution {

    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

    private final MxResolver resolver;
    private final Diagnoser diagnoser;
    private final PostureStep posture;
    private final Clock clock;
    private final SessionStep step;

    RunExecution(
            MxResolver resolver,
            TargetPolicy targets,
            SessionSlots slots,
            SessionRunner sessions,
            Diagnoser diagnoser,
            PostureStep posture,
            Clock clock,
            Duration runTotal) {
        this.resolver = resolver;
        this.diagnoser = diagnoser;
        this.posture = posture;
        this.clock = clock;
        this.step = new SessionStep(targets, slots, sessions, runTotal);
    }

    /**
     * 1. Build the MX plan (or resolve the explicit host) and publish it.
     * 2. List the targets: every address of every host, in preference order.
     * 3. Start the posture checks, which run beside the sessions.
     * 4. Run the sessions: all in parallel, or one after another until one answers (RFC 5321 §5.1),
     *    all within the run's one deadline ({@code mailflow.smtp.timeouts.total} from its start).
     * 5. Diagnose the facts, add the posture's findings, publish verdict and findings; end the run.
     *
     * <p>The MX plan and every session end by {@code endNanos} ({@link System#nanoTime()}, or
     * Long.MAX_VALUE for only the run's own deadline); with {@code withPosture} false, no posture checks.
     */
    void execute(ProbeRun run, ProbeValidation.Checked checked, long endNanos, boolean withPosture) {
        var probe = checked.probe();
        try {
            var plan = probe.host() != null
                    ? resolver.explicit(probe.host(), endNanos)
                    : resolver.plan(probe.domain(), endNanos);
            stopIfInterrupted();
            run.update(s -> s.withPlan(plan));
            announce(run, plan);
            var targetList = targets(plan, probe.port());
            var checks = withPosture ? posture.start(run, probe, plan) : null;
            if (probe.allMx()) {
                runAll(run, checked, targetList, endNanos);
            } else {
                runUntilAnswered(run, checked, targetList, endNanos);
            }
            stopIfInterrupted();
            var postureFindings = posture.finish(run, checks);
            var egress = new RunFacts.Egress(RunFactsMapping.used(run.events()), posture.ourServers());
            publish(
                    run,
                    diagnoser.diagnose(RunFactsMapping.facts(probe, plan, run.sessions(), egress), postureFindings));
            run.finish(RunStatus.COMPLETED, clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.append(null, null, Kind.ERROR, "The run was interrupted (mailflow is shutting down).");
            run.finish(RunStatus.INTERRUPTED, clock.instant());
        } catch (RuntimeException e) {
            // The user sees that mailflow failed, never the stack trace; the log keeps it for us.
            log.error("run {} failed", run.id(), e);
            run.append(
                    null, null, Kind.ERROR, "mailflow failed: " + e.getClass().getSimpleName());
            run.finish(RunStatus.FAILED, clock.instant());
        }
    }

    /** A session that was interrupted ends as an error of its own; the run must still end as INTERRUPTED. */
    private static void stopIfInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    private static void announce(ProbeRun run, MxPlan plan) {
        var summary = switch (plan.outcome()) {
            case OK ->
                plan.hosts().size() + (plan.hosts().size() == 1 ? " MX host for " : " MX hosts for ") + plan.domain();
            case IMPLICIT_MX -> "No MX record for " + plan.domain() + "; its own address is the implicit MX";
            case NULL_MX -> plan.domain() + " publishes a null MX (MX 0 .): it accepts no mail";
            case EXPLICIT -> "Explicit host " + plan.domain() + " (MX lookup skipped)";
            // The detail already names the outcome ("x does not exist (NXDOMAIN for ...)"): said once.
            default -> "DNS: " + (plan.detail() == null ? plan.outcome().name() : plan.detail());
        };
        run.append(null, null, Kind.PLAN, summary + " [" + plan.took().toMillis() + " ms]");
        for (var host : plan.hosts()) {
            var addresses = host.addresses().stream().map(AddressText::of).toList();
            run.append(
                    null,
                    null,
                    Kind.PLAN,
                    "MX " + host.preference() + " " + host.name() + " "
                            + (addresses.isEmpty() ? "(no address)" : String.join(" ", addresses))
                            + (host.flaws().isEmpty() ? "" : " " + host.flaws()));
        }
    }

    private static List<Target> targets(MxPlan plan, int port) {
        var list = new ArrayList<Target>();
        for (MxHost host : plan.hosts()) {
            for (var address : host.addresses()) {
                list.add(new Target(host, address, port));
            }
        }
        return list;
    }

    private void runAll(ProbeRun run, ProbeValidation.Checked checked, List<Target> targetList, long endNanos)
            throws InterruptedException {
        targetList.forEach(t -> run.update(s -> s.withSession(t.pending())));
        if (targetList.size() == 1) {
            // One address (a host target, an MX with one address): no thread to hand it to.
            step.run(run, checked, targetList.getFirst(), endNanos);
            return;
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = new ArrayList<Future<SessionResult>>();
            for (var target : targetList) {
                futures.add(executor.submit(() -> step.run(run, checked, target, endNanos)));
            }
            for (var future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    // get() cleared the flag, so close() would wait for the sessions' own deadlines.
                    executor.shutdownNow();
                    throw e;
                }
            }
        }
    }

    private void runUntilAnswered(ProbeRun run, ProbeValidation.Checked checked, List<Target> targetList, long endNanos)
            throws InterruptedException {
        for (var target : targetList) {
            run.update(s -> s.withSession(target.pending()));
            var result = step.run(run, checked, target, endNanos);
            if (!result.senderTriesNextAddress()) {
                return;
            }
            run.append(null, null, Kind.INFO, target.host().name() + " could not be reached; trying the next address");
        }
    }

    private static void publish(ProbeRun run, Diagnosis diagnosis) {
        run.update(s -> s.withDiagnosis(diagnosis));
        var findings = diagnosis.findings();
        for (int i = 0; i < findings.size(); i++) {
            var finding = findings.get(i);
            run.append(
                    finding.evidence() == null ? null : finding.evidence().session(),
                    finding.evidence() == null ? null : finding.evidence().phase(),
                    Kind.FINDING,
                    finding.title(),
                    new EventDetail.Finding(i, finding.id()));
        }
        run.append(null, null, Kind.VERDICT, diagnosis.verdict(), new EventDetail.Verdict(RunOutcome.of(diagnosis)));
    }
}
