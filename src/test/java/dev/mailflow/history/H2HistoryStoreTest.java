package dev.mailflow.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The history store on the embedded H2 file database, in the mode and with the URL the app uses. */
class H2HistoryStoreTest extends HistoryStoreContractTest implements PartClaimsContractTest {

    @TempDir
    static Path dir;

    /**
     * Held open for the class: H2 closes a file database with its last connection, and reopening
     * it for every unpooled statement would make these tests slow. The full-app restart test
     * closes and reopens the file for real.
     */
    private static Connection open;

    @BeforeAll
    static void migrate() throws SQLException {
        open = source().getConnection();
        HistoryStore.migrate(source());
    }

    @AfterAll
    static void close() throws SQLException {
        open.close();
    }

    /** Nested under a directory that does not exist yet: the first start creates it. */
    private static DataSource source() {
        var source = new JdbcDataSource();
        source.setURL("jdbc:h2:file:" + dir.resolve("data/history")
                + "/mailflow;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        return source;
    }

    @Override
    public DataSource dataSource() {
        return source();
    }
}
