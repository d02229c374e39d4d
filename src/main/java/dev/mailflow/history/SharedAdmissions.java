package dev.mailflow.history;

import dev.mailflow.probe.AdmissionLog;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rate limits' windows in the database, so every replica counts the same runs: a decision runs
 * in one transaction holding the row lock of {@code admission_lock}, so two replicas never admit
 * past a limit together. Entries that left their window are deleted as they are read.
 */
final class SharedAdmissions implements AdmissionLog {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    SharedAdmissions(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @Override
    public <T> T locked(Supplier<T> decision) {
        return transaction.execute(status -> {
            jdbc.sql("select id from admission_lock where id = 1 for update")
                    .query(Integer.class)
                    .single();
            return decision.get();
        });
    }

    @Override
    public List<Instant> since(String window, String key, Instant since) {
        jdbc.sql("delete from admissions where limit_name = ? and subject = ? and admitted_at <= ?")
                .params(window, subject(key), RunRows.time(since))
                .update();
        return jdbc.sql("""
                        select admitted_at from admissions where limit_name = ? and subject = ?
                        order by admitted_at""")
                .params(window, subject(key))
                .query((rs, n) -> RunRows.instant(rs, "admitted_at"))
                .list();
    }

    @Override
    public void add(String window, String key, Instant at) {
        jdbc.sql("insert into admissions (limit_name, subject, admitted_at) values (?, ?, ?)")
                .params(window, subject(key), RunRows.time(at))
                .update();
    }

    /** A run with no domain (an explicit host from the exporter) is counted under the empty name. */
    private static String subject(String key) {
        return key == null ? "" : key;
    }
}
