package dev.mailflow.history;

import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.Requester;
import dev.mailflow.probe.RunArchive;
import dev.mailflow.probe.RunStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.JacksonException;

/**
 * The stored runs as people look for them: a filtered list, newest first, in pages; the earlier
 * runs of a run's domain; and what changed since the previous one. Everyone sees only the runs
 * they may read: their own, or all for those who see every run.
 */
public final class RunHistory {

    private static final Logger log = LoggerFactory.getLogger(RunHistory.class);

    private final JdbcClient jdbc;
    private final RunArchive archive;

    RunHistory(JdbcClient jdbc, RunArchive archive) {
        this.jdbc = jdbc;
        this.archive = archive;
    }

    public HistoryPage list(HistoryFilter filter, Requester viewer) {
        var where = new StringBuilder(" where 1 = 1");
        var params = new HashMap<String, Object>();
        visibleTo(viewer, filter.user(), where, params);
        // By prefix: "nouser" finds nouser.test, "kate" finds kate@example.test.
        if (filter.domain() != null) {
            where.append(" and r.domain like :domain escape '!'");
            params.put("domain", prefix(filter.domain()));
        }
        recipient(filter.rcpt(), where, params);
        if (filter.outcome() != null) {
            where.append(" and r.outcome = :outcome");
            params.put("outcome", filter.outcome().name());
        }
        if (filter.from() != null) {
            where.append(" and r.started_at >= :from");
            params.put("from", RunRows.time(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and r.started_at < :to");
            params.put("to", RunRows.time(filter.to()));
        }
        if (filter.after() != null) {
            return newer(filter, where, params);
        }
        before(filter.before(), where, params);
        var rows = select(where, params, filter.limit() + 1, false);
        var previous = filter.before() == null || rows.isEmpty() ? null : cursor(rows.getFirst());
        if (rows.size() <= filter.limit()) {
            return new HistoryPage(rows, null, previous);
        }
        var page = rows.subList(0, filter.limit());
        return new HistoryPage(List.copyOf(page), cursor(page.getLast()), previous);
    }

    /** The page of runs just newer than the cursor, still newest first. */
    private HistoryPage newer(HistoryFilter filter, StringBuilder where, Map<String, Object> params) {
        where.append(" and (r.started_at > :afterAt or (r.started_at = :afterAt and r.id > :afterId))");
        params.put("afterAt", RunRows.time(filter.after().startedAt()));
        params.put("afterId", filter.after().id());
        var rows = select(where, params, filter.limit() + 1, true);
        var page = new ArrayList<>(rows.subList(0, Math.min(rows.size(), filter.limit())));
        var more = rows.size() > filter.limit();
        var newestFirst = page.reversed();
        return newestFirst.isEmpty()
                ? new HistoryPage(List.of(), null, null)
                : new HistoryPage(
                        List.copyOf(newestFirst),
                        cursor(newestFirst.getLast()),
                        more ? cursor(newestFirst.getFirst()) : null);
    }

    private static String cursor(RunSummary run) {
        return new Cursor(run.startedAt(), run.id()).toString();
    }

    /** A LIKE pattern for values that start with the text, the text's own wildcards taken literally. */
    private static String prefix(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /**
     * The runs of the same domain and the same recipients started before {@code run}, newest first:
     * a run to nobody-here@ and one to kate@ at the same domain are two stories, not one (a domain-only
     * run goes to postmaster@, so it meets the other domain-only runs).
     */
    public List<RunSummary> earlier(ProbeRun run, Requester viewer, int limit) {
        var where = new StringBuilder(" where r.domain = :domain");
        var params = new HashMap<String, Object>();
        params.put("domain", RunRows.domain(run));
        sameRecipients(RunRows.recipients(run), where, params);
        visibleTo(viewer, null, where, params);
        before(new Cursor(run.startedAt(), run.id()), where, params);
        return select(where, params, limit);
    }

    private static void sameRecipients(List<String> addresses, StringBuilder where, Map<String, Object> params) {
        if (addresses.isEmpty()) {
            where.append(" and not exists (select 1 from run_recipients x where x.run_id = r.id)");
            return;
        }
        where.append(" and not exists (select 1 from run_recipients x where x.run_id = r.id"
                + " and x.address not in (:addresses))"
                + " and (select count(*) from run_recipients x where x.run_id = r.id) = :addressCount");
        params.put("addresses", addresses);
        params.put("addressCount", addresses.size());
    }

    /**
     * What changed since the previous completed run of the same domain and recipients that {@code
     * viewer} may read; no changes against nothing for a first run.
     */
    public RunDiff diff(ProbeRun run, Requester viewer) {
        var previous = earlier(run, viewer, 10).stream()
                .filter(r -> r.status() == RunStatus.COMPLETED)
                .findFirst()
                .flatMap(r -> archive.find(r.id()));
        return previous.map(p -> new RunDiff(p.id(), RunChanges.between(p, run)))
                .orElse(new RunDiff(null, List.of()));
    }

    /**
     * The run page's look back: the earlier runs of its domain and what changed since the previous
     * one. Empty when the database cannot answer: the page is about the run, which it still shows.
     */
    public LookBack lookBack(ProbeRun run, Requester viewer, int earlierShown) {
        try {
            return new LookBack(earlier(run, viewer, earlierShown), diff(run, viewer));
        } catch (DataAccessException | IllegalArgumentException | JacksonException e) {
            log.warn("history: no look back for run {}: {}", run.id(), e.getMessage());
            return new LookBack(List.of(), new RunDiff(null, List.of()));
        }
    }

    /** Earlier runs of a run's domain, newest first, and what changed since the previous one. */
    public record LookBack(List<RunSummary> earlier, RunDiff diff) {}

    /** The newest runs {@code viewer} may read, newest first, with their requests and outcomes. */
    public List<ListedRun> recent(Requester viewer, int limit) {
        var where = new StringBuilder(" where 1 = 1");
        var params = new HashMap<String, Object>();
        visibleTo(viewer, null, where, params);
        params.put("limit", limit);
        return jdbc.sql("select r.id, r.status, r.outcome, r.domain, r.probe, r.request, r.started_at from runs r"
                        + where + " order by r.started_at desc, r.id desc limit :limit")
                .params(params)
                .query((rs, n) -> {
                    return new ListedRun(
                            rs.getString("id"),
                            StoredProbe.read(
                                    rs.getString("probe"),
                                    RunRows.request(rs.getString("request")),
                                    rs.getString("domain")),
                            Optional.ofNullable(RunRows.outcome(rs)),
                            RunRows.instant(rs, "started_at"));
                })
                .list();
    }

    public Optional<RunSummary> summary(String id, Requester viewer) {
        var where = new StringBuilder(" where r.id = :id");
        var params = new HashMap<String, Object>();
        params.put("id", id);
        visibleTo(viewer, null, where, params);
        return select(where, params, 1).stream().findFirst();
    }

    /**
     * An address ({@code kate@example.com}) finds the runs that asked for that recipient (a run of a
     * domain alone asks for postmaster); a domain ({@code example.com} or {@code @example.com}) finds
     * every run of that domain, whatever its recipients, as people who type a domain there expect.
     */
    private static void recipient(String rcpt, StringBuilder where, Map<String, Object> params) {
        if (rcpt == null) {
            return;
        }
        // Addresses match from the start ("kate" finds kate@example.test); "@example.test" or a bare
        // word also finds the runs of that domain.
        int at = rcpt.lastIndexOf('@');
        if (at == 0) {
            where.append(" and r.domain = :rcptDomain");
            params.put("rcptDomain", rcpt.substring(1));
            return;
        }
        var byAddress =
                "exists (select 1 from run_recipients x where x.run_id = r.id and x.address like :rcpt escape '!')";
        params.put("rcpt", prefix(rcpt));
        if (at < 0) {
            where.append(" and (r.domain = :rcptDomain or " + byAddress + ")");
            params.put("rcptDomain", rcpt);
        } else {
            where.append(" and " + byAddress);
        }
    }

    private static void visibleTo(Requester viewer, String user, StringBuilder where, Map<String, Object> params) {
        // A vantage's part of a run is shown within that run, not as a run of its own.
        where.append(" and not exists (select 1 from vantage_parts p where p.part_run = r.id)");
        if (!viewer.seesEveryRun()) {
            where.append(" and r.owner = :viewer");
            params.put("viewer", viewer.name());
        } else if (user != null) {
            where.append(" and r.owner = :user");
            params.put("user", user);
        }
    }

    private static void before(Cursor cursor, StringBuilder where, Map<String, Object> params) {
        if (cursor != null) {
            where.append(" and (r.started_at < :cursorAt or (r.started_at = :cursorAt and r.id < :cursorId))");
            params.put("cursorAt", RunRows.time(cursor.startedAt()));
            params.put("cursorId", cursor.id());
        }
    }

    private List<RunSummary> select(StringBuilder where, Map<String, Object> params, int limit) {
        return select(where, params, limit, false);
    }

    private List<RunSummary> select(StringBuilder where, Map<String, Object> params, int limit, boolean oldestFirst) {
        var order = oldestFirst ? " order by r.started_at, r.id" : " order by r.started_at desc, r.id desc";
        var sql = "select r.id, r.status, r.outcome, r.domain, r.request, r.started_at, r.finished_at, r.verdict,"
                + " r.owner from runs r" + where + order + " limit :limit";
        var all = new HashMap<>(params);
        all.put("limit", limit);
        return new ArrayList<>(jdbc.sql(sql)
                .params(all)
                .query((rs, n) -> new RunSummary(
                        rs.getString("id"),
                        RunRows.status(rs.getString("status")),
                        RunRows.outcome(rs),
                        rs.getString("domain"),
                        RunRows.request(rs.getString("request")).rcptTo(),
                        RunRows.instant(rs, "started_at"),
                        RunRows.instant(rs, "finished_at"),
                        rs.getString("verdict"),
                        rs.getString("owner")))
                .list());
    }
}
