package dev.mailflow.probe;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.mailflow.posture.PostureCheck;
import dev.mailflow.posture.PostureStatus;
import dev.mailflow.smtp.EnhancedStatus;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.tls.TlsFacts;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * What the engine knew about an event beyond its text, as a value: consumers read these facts and
 * never parse the text back. In JSON the {@code type} property names the kind of detail.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = EventDetail.Session.class, name = "session"),
    @JsonSubTypes.Type(value = EventDetail.Connected.class, name = "connected"),
    @JsonSubTypes.Type(value = EventDetail.Reply.class, name = "reply"),
    @JsonSubTypes.Type(value = EventDetail.Tls.class, name = "tls"),
    @JsonSubTypes.Type(value = EventDetail.Outcome.class, name = "outcome"),
    @JsonSubTypes.Type(value = EventDetail.Finding.class, name = "finding"),
    @JsonSubTypes.Type(value = EventDetail.Verdict.class, name = "verdict"),
    @JsonSubTypes.Type(value = EventDetail.Done.class, name = "done"),
    @JsonSubTypes.Type(value = EventDetail.Posture.class, name = "posture")
})
public sealed interface EventDetail {

    /** A session starts: where it goes, and the EHLO name it greets the server with. */
    record Session(String host, String address, int port, int preference, String ehlo) implements EventDetail {}

    /**
     * The connection opened.
     *
     * @param local our end, {@code address:port}: the egress address the server's logs know us by
     * @param remote the server's end, {@code address:port}
     * @param ms how long the connect took
     */
    record Connected(String local, String remote, long ms) implements EventDetail {}

    /**
     * A line of a server reply.
     *
     * @param code the reply code the line starts with; 0 when it has none or breaks the grammar
     * @param enhanced the reply's enhanced status (RFC 3463), on the line that completes the reply
     * @param ms the reply time (from the end of the command, or the connect), on the line that
     *     completes the reply; null on the lines before it
     */
    record Reply(
            int code,
            @JsonSerialize(using = ToStringSerializer.class) EnhancedStatus enhanced,
            Long ms) implements EventDetail {

        /** From JSON, where the enhanced status is written as it is on the wire ({@code "5.1.1"}). */
        @JsonCreator
        public static Reply of(
                @JsonProperty("code") int code,
                @JsonProperty("enhanced") String enhanced,
                @JsonProperty("ms") Long ms) {
            return new Reply(code, EnhancedStatus.parse(enhanced).orElse(null), ms);
        }

        public boolean completes() {
            return ms != null;
        }
    }

    /** The TLS handshake's facts, successful or not. */
    record Tls(TlsFacts facts) implements EventDetail {}

    /** A session ended: how, and in which phase. */
    record Outcome(SessionOutcome outcome, Phase phase) implements EventDetail {}

    /** A finding of the diagnosis: its place in the diagnosis' list and its knowledge id. */
    record Finding(int index, String id) implements EventDetail {}

    /** The diagnosis' verdict. */
    record Verdict(RunOutcome outcome) implements EventDetail {}

    /** A posture check finished: its place in the run's posture entries, the check and its status. */
    record Posture(int index, PostureCheck.Kind check, PostureStatus status) implements EventDetail {}

    /** The run is over, with this status. */
    record Done(RunStatus status) implements EventDetail {}
}
