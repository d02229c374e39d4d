package dev.mailflow.history;

import dev.mailflow.inbox.InboxReport;
import dev.mailflow.inbox.InboxStore;
import dev.mailflow.inbox.Mailbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The test mailbox's addresses and reports in the history database ({@code inbox_mailboxes}). */
final class InboxRows implements InboxStore {

    private static final JsonMapper JSON = JsonMapper.builder()
            // A stored report outlives the code that wrote it: a field added or dropped later is not an error.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // The header analysis keeps some facts out of its JSON (@JsonIgnore); read back, they are unset.
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();
    private static final String COLUMNS = "id, address, owner, created_at, expires_at, received_at, report";

    private final JdbcClient jdbc;

    InboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(Mailbox mailbox) {
        jdbc.sql("insert into inbox_mailboxes (id, address, owner, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(
                        mailbox.id(),
                        mailbox.address(),
                        mailbox.owner(),
                        RunRows.time(mailbox.createdAt()),
                        RunRows.time(mailbox.expiresAt()))
                .update();
    }

    @Override
    public Optional<Mailbox> find(String id) {
        return mailboxWhere("id", id);
    }

    @Override
    public Optional<Mailbox> findByAddress(String address) {
        return mailboxWhere("address", address);
    }

    /** The mailbox whose {@code column} (a constant: id or address) holds {@code value}. */
    private Optional<Mailbox> mailboxWhere(String column, String value) {
        return jdbc.sql("select " + COLUMNS + " from inbox_mailboxes where " + column + " = ?")
                .param(value)
                .query(InboxRows::mailbox)
                .optional();
    }

    @Override
    public boolean claim(String id, Instant at) {
        // One statement decides: of two messages racing for one address, exactly one updates the row.
        return jdbc.sql("update inbox_mailboxes set received_at = ? where id = ? and received_at is null"
                                + " and expires_at > ?")
                        .params(RunRows.time(at), id, RunRows.time(at))
                        .update()
                == 1;
    }

    @Override
    public void report(String id, InboxReport report, byte[] body) {
        jdbc.sql("update inbox_mailboxes set report = ?, body = ? where id = ?")
                .params(JSON.writeValueAsString(report), body, id)
                .update();
    }

    @Override
    public List<Mailbox> recent(String owner, int limit) {
        var sql = "select " + COLUMNS + " from inbox_mailboxes"
                + (owner == null ? "" : " where owner = :owner")
                + " order by created_at desc, id desc limit :limit";
        var query = jdbc.sql(sql).param("limit", limit);
        if (owner != null) {
            query = query.param("owner", owner);
        }
        return query.query(InboxRows::mailbox).list();
    }

    @Override
    public int purge(Instant cutoff) {
        return jdbc.sql("delete from inbox_mailboxes where created_at < ?")
                .param(RunRows.time(cutoff))
                .update();
    }

    private static Mailbox mailbox(ResultSet rs, int row) throws SQLException {
        var report = rs.getString("report");
        return new Mailbox(
                rs.getString("id"),
                rs.getString("address"),
                rs.getString("owner"),
                RunRows.instant(rs, "created_at"),
                RunRows.instant(rs, "expires_at"),
                RunRows.instant(rs, "received_at"),
                report == null ? null : JSON.readValue(report, InboxReport.class));
    }
}
