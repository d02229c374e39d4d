package dev.mailflow.history;

import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.RunOutcome;
import dev.mailflow.probe.Vantage;
import dev.mailflow.probe.VantagePart;
import dev.mailflow.probe.VantageParts;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The parts of runs asked from several vantages, in the shared database: asked as PENDING rows,
 * claimed by one worker of their vantage ({@code FOR UPDATE SKIP LOCKED}: two workers never claim
 * one part, and neither waits for the other), settled once; and the registry of vantages with their
 * heartbeats. A claimed part runs as a run of its own, leased by its worker like every run.
 */
record PartClaims(JdbcClient jdbc, TransactionTemplate transaction, String instance) implements VantageParts {

    @Override
    public void ask(String runId, List<String> vantages, ProbeRequest request, String owner, Instant at) {
        var json = RunRows.json(request);
        for (int i = 0; i < vantages.size(); i++) {
            jdbc.sql("""
                            insert into vantage_parts (run_id, vantage, position, status, request, owner, created_at)
                            values (?, ?, ?, 'PENDING', ?, ?, ?)""")
                    .params(runId, vantages.get(i), i, json, owner, RunRows.time(at))
                    .update();
        }
    }

    @Override
    public Optional<VantagePart> claim(String vantage, String partRun, Instant askedAfter, Instant at) {
        return transaction.execute(status -> {
            var found = jdbc.sql("""
                            select * from vantage_parts where vantage = ? and status = 'PENDING' and created_at > ?
                            order by created_at limit 1 for update skip locked""")
                    .params(vantage, RunRows.time(askedAfter))
                    .query(PartClaims::part)
                    .optional();
            if (found.isEmpty()) {
                return Optional.<VantagePart>empty();
            }
            var pending = found.get();
            jdbc.sql("""
                            update vantage_parts set status = 'CLAIMED', claimed_at = ?, instance = ?, part_run = ?
                            where run_id = ? and vantage = ?""")
                    .params(RunRows.time(at), instance, partRun, pending.runId(), vantage)
                    .update();
            return Optional.of(new VantagePart(
                    pending.runId(),
                    vantage,
                    VantagePart.Status.CLAIMED,
                    pending.request(),
                    pending.owner(),
                    pending.createdAt(),
                    at,
                    instance,
                    partRun,
                    null,
                    null,
                    null));
        });
    }

    @Override
    public List<VantagePart> parts(String runId) {
        return jdbc.sql("select * from vantage_parts where run_id = ? order by position")
                .param(runId)
                .query(PartClaims::part)
                .list();
    }

    @Override
    public boolean settle(
            VantagePart part, VantagePart.Status status, String egress, RunOutcome outcome, String verdict) {
        return jdbc.sql("""
                        update vantage_parts set status = ?, egress = ?, outcome = ?, verdict = ?
                        where run_id = ? and vantage = ? and status = ?""")
                        .params(
                                status.name(),
                                egress,
                                outcome == null ? null : outcome.name(),
                                verdict == null ? null : shorten(verdict),
                                part.runId(),
                                part.vantage(),
                                part.status().name())
                        .update()
                == 1;
    }

    @Override
    public void heartbeat(Vantage vantage) {
        var values = new Object[] {
            instance,
            vantage.version(),
            RunRows.time(vantage.heartbeatAt()),
            vantage.heartbeatEvery().toMillis(),
            vantage.egressV4(),
            vantage.egressV6(),
            shorten(vantage.ptr(), 255),
            shorten(vantage.blocklists(), 1000),
            vantage.name()
        };
        int updated = jdbc.sql("""
                        update vantages set instance = ?, version = ?, heartbeat_at = ?, heartbeat_ms = ?,
                            egress_v4 = ?, egress_v6 = ?, ptr = ?, blocklists = ?
                        where name = ?""").params(values).update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into vantages (instance, version, heartbeat_at, heartbeat_ms, egress_v4, egress_v6,
                                ptr, blocklists, name)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(values).update();
        }
    }

    @Override
    public List<Vantage> vantages() {
        return jdbc.sql("select * from vantages order by name")
                .query((rs, n) -> new Vantage(
                        rs.getString("name"),
                        rs.getString("instance"),
                        rs.getString("version"),
                        RunRows.instant(rs, "heartbeat_at"),
                        Duration.ofMillis(rs.getLong("heartbeat_ms")),
                        rs.getString("egress_v4"),
                        rs.getString("egress_v6"),
                        rs.getString("ptr"),
                        rs.getString("blocklists")))
                .list();
    }

    private static VantagePart part(ResultSet rs, int row) throws SQLException {
        var outcome = rs.getString("outcome");
        return new VantagePart(
                rs.getString("run_id"),
                rs.getString("vantage"),
                VantagePart.Status.valueOf(rs.getString("status")),
                RunRows.request(rs.getString("request")),
                rs.getString("owner"),
                RunRows.instant(rs, "created_at"),
                RunRows.instant(rs, "claimed_at"),
                rs.getString("instance"),
                rs.getString("part_run"),
                rs.getString("egress"),
                outcome == null ? null : RunOutcome.valueOf(outcome),
                rs.getString("verdict"));
    }

    private static String shorten(String text) {
        return shorten(text, 4000);
    }

    private static String shorten(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
