package dev.mailflow.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.posture.PostureCheck;
import dev.mailflow.posture.PostureFacts;
import dev.mailflow.posture.PostureFacts.DaneState;
import dev.mailflow.posture.PostureFacts.DmarcPolicy;
import dev.mailflow.posture.PostureFacts.DnssecStatus;
import dev.mailflow.posture.PostureFacts.ListingState;
import dev.mailflow.posture.PostureFacts.StsMode;
import dev.mailflow.posture.PostureNote;
import dev.mailflow.posture.PostureStatus;
import dev.mailflow.posture.SpfResult;
import dev.mailflow.posture.SpfVerdict;
import dev.mailflow.probe.CopiedPosture;
import dev.mailflow.probe.PostureEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run's stored state reads back as it was written, posture facts of every shape included. */
class RunRowsTest {

    @Test
    void everyShapeOfPostureFactsReadsBackEqual() {
        List<PostureFacts> facts = List.of(
                new PostureFacts.MtaSts("20260101", StsMode.ENFORCE, List.of("mx1.example.test"), 86400L),
                new PostureFacts.TlsRpt(List.of("mailto:tls@example.test")),
                new PostureFacts.Dnssec(DnssecStatus.SECURE),
                new PostureFacts.Dane(Map.of("mx1.example.test", DaneState.VALID, "mx2.example.test", DaneState.BOGUS)),
                new PostureFacts.Blocklists(List.of(
                        new PostureFacts.Listing(
                                "mx1.example.test", "192.0.2.1", "bl.test", ListingState.LISTED, "spam"),
                        new PostureFacts.Listing(null, "192.0.2.77", "bl.test", ListingState.NOT_LISTED, null))),
                new PostureFacts.Spf(
                        List.of(new SpfVerdict("192.0.2.77", "contoso.test", SpfResult.FAIL, "-all", null, 1))),
                new PostureFacts.Dmarc("_dmarc.contoso.test", DmarcPolicy.REJECT, 100, true, false, List.of()),
                new PostureFacts.Egress("192.0.2.77", "out.contoso.test", true, false, true),
                new PostureFacts.Port25(false, List.of("a.test:25"), List.of("a.test")));
        // One of each: a shape added to PostureFacts later must be added here too.
        assertThat(facts.stream().map(Object::getClass))
                .containsExactlyInAnyOrder(PostureFacts.class.getPermittedSubclasses());

        var entries = new ArrayList<PostureEntry>();
        var kinds = Arrays.asList(PostureCheck.Kind.values());
        for (int i = 0; i < facts.size(); i++) {
            entries.add(new PostureEntry(
                    new PostureCheck(
                            kinds.get(i),
                            "example.test",
                            PostureStatus.WARN,
                            "summary " + i,
                            List.of("v=record"),
                            List.of("evidence"),
                            List.of(new PostureNote("posture.example", Map.of("domain", "example.test"))),
                            facts.get(i)),
                    List.of()));
        }
        entries.add(new PostureEntry(
                new PostureCheck(
                        PostureCheck.Kind.PORT_25,
                        "example.test",
                        PostureStatus.UNKNOWN,
                        "not finished within 20 s",
                        List.of(),
                        List.of(),
                        List.of(),
                        null),
                List.of()));
        var state = new StoredState(null, List.of(), null, new CopiedPosture(true, entries, true));

        assertThat(RunRows.state(RunRows.json(state))).isEqualTo(state);
    }

    @Test
    void aStateStoredBeforePostureWasKeptReadsAsNoPosture() {
        assertThat(RunRows.state("{\"plan\":null,\"sessions\":[],\"diagnosis\":null}")
                        .posture())
                .isEqualTo(CopiedPosture.NONE);
    }
}
