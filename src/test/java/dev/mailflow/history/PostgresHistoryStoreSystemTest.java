package dev.mailflow.history;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailflow.testing.postgres.PostgresServer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The same store contract as on H2, on a real PostgreSQL with the same Flyway migrations. */
@Tag("system")
class PostgresHistoryStoreSystemTest extends HistoryStoreContractTest implements PartClaimsContractTest {

    static PostgresServer postgres;

    @BeforeAll
    static void start() throws Exception {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.assertTrue(PostgresServer.available(), "PostgreSQL (CI=true)");
        }
        assumeTrue(PostgresServer.available(), "PostgreSQL installed and running as root");
        postgres = PostgresServer.start();
        HistoryStore.migrate(postgres.dataSource());
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    public DataSource dataSource() {
        return postgres.dataSource();
    }
}
