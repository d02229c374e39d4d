package dev.mailflow.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.posture.PostureCheck;
import dev.mailflow.posture.PostureStatus;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.SessionOutcome;
import dev.mailflow.tls.TlsFacts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Events are stored and streamed as JSON: every detail survives the trip and names its type. */
class EventDetailJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final List<EventDetail> EVERY_KIND = List.of(
            new EventDetail.Session("mx.example.com", "2001:db8::25", 25, 10, "contoso.com"),
            new EventDetail.Connected("[2001:db8::7]:40123", "[2001:db8::25]:25", 4),
            new EventDetail.Reply(250, null, null),
            EventDetail.Reply.of(550, "5.1.1", 7L),
            new EventDetail.Tls(new TlsFacts(
                    "TLSv1.3",
                    "TLS_AES_256_GCM_SHA384",
                    List.of(new TlsFacts.CertificateFacts(
                            "CN=mx.example.com",
                            "CN=Example CA",
                            List.of("mx.example.com"),
                            Instant.parse("2026-01-01T00:00:00Z"),
                            Instant.parse("2026-04-01T00:00:00Z"),
                            "AB:CD",
                            "EF:01",
                            "1f")),
                    false,
                    "self-signed",
                    true,
                    89L,
                    null)),
            new EventDetail.Tls(new TlsFacts(null, null, List.of(), false, null, null, null, "handshake_failure")),
            new EventDetail.Outcome(SessionOutcome.REJECTED, Phase.RCPT),
            new EventDetail.Finding(2, "rcpt.unknown-user"),
            new EventDetail.Verdict(RunOutcome.BOUNCE),
            new EventDetail.Done(RunStatus.COMPLETED),
            new EventDetail.Posture(3, PostureCheck.Kind.DMARC, PostureStatus.FAIL));

    @Test
    void everyDetailComesBackEqualFromJson() {
        for (var detail : EVERY_KIND) {
            var text = JSON.writeValueAsString(detail);

            assertThat(JSON.readValue(text, EventDetail.class)).as(text).isEqualTo(detail);
        }
    }

    @Test
    void theTypeNamesTheDetail() {
        var types = EVERY_KIND.stream()
                .map(d -> JSON.readTree(JSON.writeValueAsString(d)).get("type").asString())
                .distinct()
                .toList();

        assertThat(types)
                .containsExactly(
                        "session", "connected", "reply", "tls", "outcome", "finding", "verdict", "done", "posture");
    }

    @Test
    void aWholeEventComesBackEqualWithOrWithoutDetail() {
        var withDetail = new ProbeEvent(
                7,
                130,
                "mx/192.0.2.1:25",
                Phase.RCPT,
                ProbeEvent.Kind.RECEIVED,
                "550 5.1.1 unknown",
                EventDetail.Reply.of(550, "5.1.1", 7L));
        var without = new ProbeEvent(8, 131, "mx/192.0.2.1:25", Phase.QUIT, ProbeEvent.Kind.SENT, "QUIT");

        for (var event : List.of(withDetail, without)) {
            assertThat(JSON.readValue(JSON.writeValueAsString(event), ProbeEvent.class))
                    .isEqualTo(event);
        }
    }
}
