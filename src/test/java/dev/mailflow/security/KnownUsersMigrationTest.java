package dev.mailflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V30: everyone who owned a stored run before names were kept apart is a known user, so no token
 * can be created with their name; the names of created tokens are not.
 */
class KnownUsersMigrationTest {

    @Test
    void runOwnersBecomeKnownUsersButCreatedTokensDoNot() {
        var source = new JdbcDataSource();
        source.setURL("jdbc:h2:mem:known-users;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(source).target("20").load().migrate();
        var jdbc = JdbcClient.create(source);
        jdbc.sql("""
                        insert into api_token (name, digest, roles, created_at, created_by)
                        values ('ci-script', repeat('a', 64), 'OPERATOR', current_timestamp, 'admin')""").update();
        for (var owner : new String[] {"kate.smith", "kate.smith", "ci-script", null}) {
            jdbc.sql("""
                            insert into runs (id, owner, domain, status, started_at, instance, request)
                            values (random_uuid(), ?, 'example.com', 'COMPLETED', current_timestamp, 'pod-a', '{}')""").param(owner).update();
        }

        Flyway.configure().dataSource(source).target("30").load().migrate();

        assertThat(jdbc.sql("select name from known_user").query(String.class).list())
                .containsExactly("kate.smith");
    }
}
