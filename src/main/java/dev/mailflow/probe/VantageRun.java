package dev.mailflow.probe;

import dev.mailflow.probe.ProbeEvent.Kind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a run asked from several vantages: it asks each vantage for its part, follows the
 * parts into the run as the workers run them, and ends the run with the answer across vantages.
 * Every part ends (claimed and finished, unclaimed within the claim timeout, or cut off with its
 * worker), and the run as a whole has a deadline besides, so it never hangs.
 */
final class VantageRun {

    private static final Logger log = LoggerFactory.getLogger(VantageRun.class);

    private final VantageParts parts;
    private final VantageProperties properties;
    private final Duration runTotal;
    private final Clock clock;

    VantageRun(VantageParts parts, VantageProperties properties, Duration runTotal, Clock clock) {
        this.parts = parts;
        this.properties = properties;
        this.runTotal = runTotal;
        this.clock = clock;
    }

    /**
     * 1. Store one PENDING part per vantage; workers of each vantage claim theirs.
     * 2. Until every part is settled: follow each (claim timeout, copy sessions and events, settle
     *    its result); past the run's own deadline, settle what is left as timed out.
     * 3. Diagnose across vantages; the run is COMPLETED when at least one vantage answered.
     *
     * @param find a run by id, held here or stored (a part running on another instance)
     */
    void execute(ProbeRun run, List<String> vantages, Function<String, Optional<ProbeRun>> find) {
        try {
            parts.ask(run.id(), vantages, run.request().forPart(), run.owner(), clock.instant());
            run.append(null, null, Kind.INFO, "Asked vantages " + String.join(", ", vantages) + " to run this check");
            var known = parts.vantages().stream().collect(Collectors.toMap(Vantage::name, v -> v));
            var followers = new ArrayList<PartFollower>();
            for (var name : vantages) {
                var egress = Optional.ofNullable(known.get(name))
                        .map(Vantage::egress)
                        .orElse(null);
                followers.add(new PartFollower(run, name, parts, properties.claimTimeout(), egress));
            }
            long end = System.nanoTime() + deadline().toNanos();
            while (followers.stream().anyMatch(f -> f.settled().isEmpty())) {
                boolean late = System.nanoTime() > end;
                var now = clock.instant();
                for (var part : parts.parts(run.id())) {
                    var follower = follower(followers, part.vantage());
                    if (late) {
                        follower.giveUp(part, "no result within " + deadline().toSeconds() + " s");
                    } else {
                        follower.step(part, find, now);
                    }
                }
                Thread.sleep(properties.poll().toMillis());
            }
            var settled = followers.stream().map(f -> f.settled().orElseThrow()).toList();
            conclude(run, settled, known);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.append(null, null, Kind.ERROR, "The run was interrupted (mailflow is shutting down).");
            run.finish(RunStatus.INTERRUPTED, clock.instant());
        } catch (RuntimeException e) {
            log.error("run {} from several vantages failed", run.id(), e);
            run.append(
                    null, null, Kind.ERROR, "mailflow failed: " + e.getClass().getSimpleName());
            run.finish(RunStatus.FAILED, clock.instant());
        }
    }

    /** Long enough for a claim, a whole run at the worker and a lease running out after its death. */
    private Duration deadline() {
        return properties.claimTimeout().multipliedBy(2).plus(runTotal.multipliedBy(2));
    }

    private static PartFollower follower(List<PartFollower> followers, String vantage) {
        return followers.stream()
                .filter(f -> f.vantage().equals(vantage))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("a part of an unknown vantage: " + vantage));
    }

    private void conclude(ProbeRun run, List<VantagePart> settled, Map<String, Vantage> known) {
        var diagnosis = VantageVerdict.of(settled, known);
        run.update(s -> s.withDiagnosis(diagnosis));
        run.append(null, null, Kind.VERDICT, diagnosis.verdict(), new EventDetail.Verdict(RunOutcome.of(diagnosis)));
        boolean answered = settled.stream().anyMatch(p -> p.outcome() != RunOutcome.FAILED);
        run.finish(answered ? RunStatus.COMPLETED : RunStatus.FAILED, clock.instant());
    }
}
