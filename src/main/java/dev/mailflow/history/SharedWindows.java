package dev.mailflow.history;

import dev.mailflow.probe.SlidingWindow;
import dev.mailflow.probe.WindowStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rate limits' windows as rows of {@code rate_windows} in PostgreSQL, shared by every replica:
 * an update locks its rows ({@code SELECT ... FOR UPDATE}, in name order so two updates never wait
 * on each other in a circle), lets the limit decide, and writes the rows back in the same
 * transaction. So N admissions against a limit of N admit exactly N, whichever replicas they reach.
 */
final class SharedWindows implements WindowStore {

    private static final Logger log = LoggerFactory.getLogger(SharedWindows.class);

    /** Longer names (a user name typed at the sign-in form can be anything) are stored as their hash. */
    private static final int MAX_NAME = 200;

    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    /** A row swept away between our insert and our lock is inserted again; more rounds mean a bug. */
    private static final int LOCK_ROUNDS = 5;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

    SharedWindows(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public <T> T update(SortedSet<String> keys, Function<Map<String, SlidingWindow>, T> change) {
        sweepNowAndThen();
        var names = names(keys);
        return transaction.execute(status -> {
            var rows = lock(names.keySet().stream().sorted().toList());
            var windows = new LinkedHashMap<String, SlidingWindow>();
            names.forEach((name, key) -> windows.put(key, rows.get(name)));
            var result = change.apply(windows);
            names.forEach((name, key) -> write(name, windows.get(key)));
            return result;
        });
    }

    @Override
    public Map<String, SlidingWindow> read(SortedSet<String> keys) {
        var names = names(keys);
        var rows = jdbc
                .sql("select name, times, expires_at from rate_windows where name in (:names)")
                .param("names", names.keySet())
                .query(SharedWindows::row)
                .list()
                .stream()
                .collect(Collectors.toMap(Row::name, Row::window));
        var windows = new LinkedHashMap<String, SlidingWindow>();
        names.forEach((name, key) -> windows.put(key, rows.getOrDefault(name, SlidingWindow.empty())));
        return windows;
    }

    /** Makes sure every row exists, then locks them all; their windows by row name. */
    private Map<String, SlidingWindow> lock(List<String> names) {
        for (int round = 0; round < LOCK_ROUNDS; round++) {
            for (var name : names) {
                jdbc.sql("insert into rate_windows (name, times, expires_at) values (?, '{}', ?) "
                                + "on conflict (name) do nothing")
                        .params(name, RunRows.time(clock.instant()))
                        .update();
            }
            var rows = jdbc.sql("select name, times, expires_at from rate_windows where name in (:names) "
                            + "order by name for update")
                    .param("names", names)
                    .query(SharedWindows::row)
                    .list();
            // The sweep of another replica may delete an idle row between the insert and the lock.
            if (rows.size() == names.size()) {
                var windows = new HashMap<String, SlidingWindow>();
                rows.forEach(row -> windows.put(row.name(), row.window()));
                return windows;
            }
        }
        throw new IllegalStateException("rate_windows rows could not be locked: " + names);
    }

    private void write(String name, SlidingWindow window) {
        var times = window.times().stream()
                .map(t -> Long.toString(t.toEpochMilli()))
                .collect(Collectors.joining(",", "{", "}"));
        var expires = window.until() == null ? clock.instant() : window.until();
        jdbc.sql("update rate_windows set times = cast(? as bigint array), expires_at = ? where name = ?")
                .params(times, RunRows.time(expires), name)
                .update();
    }

    /** Deletes the rows whose every time left its window, at most once a minute per instance. */
    private void sweepNowAndThen() {
        var now = clock.instant();
        var due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(SWEEP_EVERY))) {
            return;
        }
        try {
            jdbc.sql("delete from rate_windows where expires_at < ?")
                    .param(RunRows.time(now))
                    .update();
        } catch (RuntimeException e) {
            log.warn("rate limits: idle windows could not be swept", e);
        }
    }

    private record Row(String name, SlidingWindow window) {}

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        var times = Arrays.stream((Object[]) rs.getArray("times").getArray())
                .map(t -> Instant.ofEpochMilli(((Number) t).longValue()))
                .toList();
        return new Row(rs.getString("name"), new SlidingWindow(times, RunRows.instant(rs, "expires_at")));
    }

    /** Row name by key, in key order. */
    private static Map<String, String> names(SortedSet<String> keys) {
        var names = new TreeMap<String, String>();
        keys.forEach(key -> names.put(name(key), key));
        return names;
    }

    private static String name(String key) {
        if (key.length() <= MAX_NAME) {
            return key;
        }
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }
}
