package dev.mailflow.history;

import dev.mailflow.probe.EventDetail;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.ProbeRequest;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.RunOutcome;
import dev.mailflow.probe.RunStatus;
import dev.mailflow.probe.ValidatedProbe;
import dev.mailflow.smtp.Phase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where runs and events become rows and rows become them again: every write and read
 * of the history tables maps through here, so a change to what an event carries changes one class.
 */
final class RunRows {

    private static final JsonMapper JSON = JsonMapper.builder()
            // A stored run outlives the code that wrote it: a field added or dropped later is not an error.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(AddressJson.module())
            .build();

    private RunRows() {}

    /** PostgreSQL keeps microseconds; millis make the stored value and a cursor built from it equal. */
    static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        var time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    static ProbeRequest request(String json) {
        return JSON.readValue(json, ProbeRequest.class);
    }

    static ValidatedProbe probe(String json) {
        return JSON.readValue(json, ValidatedProbe.class);
    }

    static StoredState state(String json) {
        return json == null ? StoredState.EMPTY : JSON.readValue(json, StoredState.class);
    }

    static ProbeEvent event(ResultSet rs, int row) throws SQLException {
        var phase = rs.getString("phase");
        return new ProbeEvent(
                rs.getLong("seq"),
                rs.getLong("at_ms"),
                rs.getString("session"),
                phase == null ? null : Phase.valueOf(phase),
                ProbeEvent.Kind.valueOf(rs.getString("kind")),
                rs.getString("text"),
                detail(rs.getString("detail")));
    }

    /** The typed detail of an event as JSON (its {@code type} names the kind), or null when it has none. */
    static String detail(EventDetail detail) {
        return detail == null ? null : JSON.writeValueAsString(detail);
    }

    private static EventDetail detail(String json) {
        return json == null ? null : JSON.readValue(json, EventDetail.class);
    }

    static String phase(ProbeEvent event) {
        return event.phase() == null ? null : event.phase().name();
    }

    /** The stored outcome: null while the run runs. */
    static RunOutcome outcome(ResultSet rs) throws SQLException {
        var name = rs.getString("outcome");
        return name == null ? null : RunOutcome.valueOf(name);
    }

    /** The column a run is listed and filtered under: its one domain, the A-label it probed. */
    static String domain(ProbeRun run) {
        return run.domain() == null ? "" : run.domain();
    }

    /**
     * The recipients a run is found under: as probed (A-label domain), the local part in lower case
     * as people search for it.
     */
    static List<String> recipients(ProbeRun run) {
        return run.probe().rcptTo().stream()
                .map(a -> a.localPart().toLowerCase(Locale.ROOT) + "@" + a.domain())
                .distinct()
                .toList();
    }

    static RunStatus status(String name) {
        return RunStatus.valueOf(name);
    }
}
