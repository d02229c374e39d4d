package dev.mailflow.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V40: runs stored before every finished run had an outcome get the one their result shows. */
class OutcomeMigrationTest {

    @Test
    void interruptedRunsBecomeFailedAndCompletedOnesWithoutADiagnosisUnknown() {
        var source = new JdbcDataSource();
        source.setURL("jdbc:h2:mem:outcomes;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(source).target("20").load().migrate();
        var jdbc = JdbcClient.create(source);
        insert(jdbc, "interrupted", "INTERRUPTED", null);
        insert(jdbc, "failed", "FAILED", "FAILED");
        insert(jdbc, "bounced", "COMPLETED", "BOUNCE");
        insert(jdbc, "undiagnosed", "COMPLETED", null);
        insert(jdbc, "running", "RUNNING", null);

        Flyway.configure().dataSource(source).load().migrate();

        assertThat(outcome(jdbc, "interrupted")).isEqualTo("FAILED");
        assertThat(outcome(jdbc, "failed")).isEqualTo("FAILED");
        assertThat(outcome(jdbc, "bounced")).isEqualTo("BOUNCE");
        assertThat(outcome(jdbc, "undiagnosed")).isEqualTo("UNKNOWN");
        assertThat(outcome(jdbc, "running")).isNull();
    }

    private static void insert(JdbcClient jdbc, String id, String status, String outcome) {
        jdbc.sql("""
                        insert into runs (id, domain, status, outcome, started_at, instance, request)
                        values (?, 'example.com', ?, ?, current_timestamp, 'pod-a', '{}')""").params(id, status, outcome).update();
    }

    private static String outcome(JdbcClient jdbc, String id) {
        return jdbc.sql("select outcome from runs where id = ?")
                .param(id)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
