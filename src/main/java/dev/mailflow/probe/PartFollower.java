package dev.mailflow.probe;

import dev.mailflow.probe.ProbeEvent.Kind;
import dev.mailflow.probe.VantagePart.Status;
import dev.mailflow.smtp.SessionFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Follows one vantage's part of a run and brings it into the run: its sessions and events under
 * the vantage's name ({@code [eu-west] mx1.example.com/192.0.2.25:25}), its plan if the run has none
 * yet, and at its end its result, settled in the part's row. A part nobody claims, or whose worker
 * claimed it and never started it, is settled FAILED / INTERRUPTED here with a note; a worker that
 * dies mid-run is noticed through the history's lease on the part's own run, which ends INTERRUPTED.
 */
final class PartFollower {

    private final ProbeRun run;
    private final String vantage;
    private final VantageParts parts;
    private final Duration claimTimeout;
    private final String knownEgress;
    private final Map<String, SessionFacts> sessions = new HashMap<>();
    private ProbeRun partRun;
    private long copied;
    private VantagePart settled;

    /** @param knownEgress the vantage's egress address from its heartbeat, for a part that never connected */
    PartFollower(ProbeRun run, String vantage, VantageParts parts, Duration claimTimeout, String knownEgress) {
        this.run = run;
        this.knownEgress = knownEgress;
        this.vantage = vantage;
        this.parts = parts;
        this.claimTimeout = claimTimeout;
    }

    String vantage() {
        return vantage;
    }

    /** The settled part, once its result is known. */
    Optional<VantagePart> settled() {
        return Optional.ofNullable(settled);
    }

    /** One look at the part as stored now: claim timeout, progress, end. */
    void step(VantagePart part, Function<String, Optional<ProbeRun>> find, Instant now) {
        if (settled != null) {
            return;
        }
        switch (part.status()) {
            case PENDING -> {
                if (now.isAfter(part.createdAt().plus(claimTimeout))) {
                    fail(
                            part,
                            Status.FAILED,
                            "no worker of vantage " + vantage + " claimed this part within " + claimTimeout.toSeconds()
                                    + " s");
                }
            }
            case CLAIMED -> follow(part, find, now);
            default -> settled = part;
        }
    }

    /** The run as a whole ran out of time: whatever this part is doing, it is over for the run. */
    void giveUp(VantagePart part, String why) {
        if (settled == null) {
            fail(part, part.status() == Status.PENDING ? Status.FAILED : Status.INTERRUPTED, why);
        }
    }

    private void follow(VantagePart part, Function<String, Optional<ProbeRun>> find, Instant now) {
        if (partRun == null) {
            partRun = find.apply(part.partRun()).orElse(null);
            if (partRun == null) {
                if (now.isAfter(part.claimedAt().plus(claimTimeout))) {
                    fail(
                            part,
                            Status.INTERRUPTED,
                            "instance " + part.instance() + " of vantage " + vantage
                                    + " claimed this part but never started it");
                }
                return;
            }
            run.append(null, null, Kind.INFO, vantage + ": claimed by instance " + part.instance());
        }
        // Whether it is over is read before copying, so the events copied include its last ones.
        boolean over = partRun.isDone();
        copy();
        if (over) {
            var status = Status.of(partRun.status());
            var outcome = RunOutcome.of(partRun.status(), partRun.diagnosis().orElse(null));
            var verdict = partRun.diagnosis().map(d -> d.verdict()).orElseGet(this::lastError);
            var egress = egress().orElse(knownEgress);
            if (parts.settle(part, status, egress, outcome, verdict)) {
                settled = part.settled(status, egress, outcome, verdict);
                run.append(
                        null,
                        null,
                        Kind.INFO,
                        vantage + ": " + status.name().toLowerCase(java.util.Locale.ROOT) + ", " + outcome
                                + (verdict == null ? "" : ": " + verdict));
            }
        }
    }

    private void fail(VantagePart part, Status status, String note) {
        if (parts.settle(part, status, null, RunOutcome.FAILED, note)) {
            settled = part.settled(status, null, RunOutcome.FAILED, note);
            run.append(null, null, Kind.ERROR, vantage + ": " + note);
        }
    }

    /** Sessions first (a session's events name it), then the events after the last copied. */
    private void copy() {
        for (var session : partRun.sessions()) {
            var mine = new SessionFacts(
                    key(session.key()),
                    session.host(),
                    session.address(),
                    session.port(),
                    session.preference(),
                    session.result());
            var before = sessions.put(mine.key(), mine);
            if (before == null || !before.equals(mine)) {
                run.update(s -> s.withSession(mine));
            }
        }
        var plan = partRun.plan();
        if (run.plan().isEmpty() && plan.isPresent()) {
            run.update(s -> s.withPlan(plan.get()));
        }
        for (var event : partRun.eventsAfter(copied)) {
            copied = event.seq();
            switch (event.kind()) {
                // The part's own findings, posture and end live in its own run; the run sums them up.
                case FINDING, POSTURE, DONE -> {}
                case VERDICT -> run.append(null, null, Kind.INFO, vantage + " verdict: " + event.text());
                default ->
                    run.append(
                            event.session() == null ? null : key(event.session()),
                            event.phase(),
                            event.kind(),
                            event.session() == null ? vantage + ": " + event.text() : event.text(),
                            event.detail());
            }
        }
    }

    /** The address the part's first connection came from: its vantage's egress toward these servers. */
    private Optional<String> egress() {
        return partRun.events().stream()
                .map(ProbeEvent::detail)
                .filter(EventDetail.Connected.class::isInstance)
                .map(d -> ((EventDetail.Connected) d).local())
                .map(PartFollower::withoutPort)
                .findFirst();
    }

    /** {@code 192.0.2.7:40123} → {@code 192.0.2.7}; {@code [2001:db8::1]:40123} → {@code 2001:db8::1}. */
    static String withoutPort(String local) {
        int colon = local.lastIndexOf(':');
        var address = colon < 0 ? local : local.substring(0, colon);
        return address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    }

    private String lastError() {
        return partRun.events().reversed().stream()
                .filter(e -> e.kind() == Kind.ERROR)
                .map(ProbeEvent::text)
                .findFirst()
                .orElse(null);
    }

    /** A session of this vantage: its name in front, so sessions of two vantages never share a key. */
    String key(String session) {
        return "[" + vantage + "] " + session;
    }
}
