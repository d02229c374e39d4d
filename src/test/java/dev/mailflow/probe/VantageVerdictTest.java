package dev.mailflow.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.diagnosis.Diagnosis.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VantageVerdictTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static VantagePart part(String name, String egress, RunOutcome outcome, String verdict) {
        var status = outcome == RunOutcome.FAILED ? VantagePart.Status.FAILED : VantagePart.Status.COMPLETED;
        return new VantagePart("run", name, status, null, "kate", T0, T0, "pod", "part", egress, outcome, verdict);
    }

    static Vantage known(String name, String ptr, String blocklists) {
        return new Vantage(name, "pod", "1", T0, Duration.ofSeconds(10), "203.0.113.5", null, ptr, blocklists);
    }

    @Test
    void refusedFromOneVantageOnlyNamesItsAddressAndHowTheWorldSeesIt() {
        var diagnosis = VantageVerdict.of(
                List.of(
                        part("eu-west", "203.0.113.5", RunOutcome.BOUNCE, "would bounce"),
                        part("us-east", "198.51.100.9", RunOutcome.DELIVERABLE, "would be delivered")),
                Map.of("eu-west", known("eu-west", "no PTR record", "listed in zen.spamhaus.org")));

        assertThat(diagnosis.verdict())
                .isEqualTo("Refused from eu-west only (its address 203.0.113.5); accepted from us-east: the"
                        + " receiving side blocks eu-west's address. eu-west's egress: PTR no PTR record;"
                        + " blocklists: listed in zen.spamhaus.org.");
        assertThat(diagnosis.outcome()).isEqualTo(Verdict.BOUNCE);
        assertThat(diagnosis.findings()).isEmpty();
    }

    @Test
    void theSameAnswerEverywhereIsTheirsAndAPartWithoutAnAnswerIsNamed() {
        var diagnosis = VantageVerdict.of(
                List.of(
                        part("a", "192.0.2.1", RunOutcome.DELIVERABLE, "would be delivered"),
                        part("b", "192.0.2.2", RunOutcome.DELIVERABLE, "would be delivered"),
                        part("c", null, RunOutcome.FAILED, "no worker of vantage c claimed this part within 30 s")),
                Map.of());

        assertThat(diagnosis.verdict())
                .isEqualTo("The same answer from a and b: would be delivered. No answer from c: no worker of"
                        + " vantage c claimed this part within 30 s.");
        assertThat(diagnosis.outcome()).isEqualTo(Verdict.DELIVERABLE);
    }

    @Test
    void differentRefusalsAreListedAndNoAnswerAtAllIsUnknown() {
        var different = VantageVerdict.of(
                List.of(
                        part("a", "192.0.2.1", RunOutcome.BOUNCE, "would bounce"),
                        part("b", "192.0.2.2", RunOutcome.DEFERRED, "would be deferred")),
                Map.of());
        assertThat(different.verdict()).startsWith("Different answers from the vantages (a BOUNCE, b DEFERRED)");
        assertThat(different.outcome()).isEqualTo(Verdict.BOUNCE);

        var none = VantageVerdict.of(List.of(part("a", null, RunOutcome.FAILED, "its worker died")), Map.of());
        assertThat(none.verdict()).isEqualTo("No vantage answered. No answer from a: its worker died.");
        assertThat(none.outcome()).isEqualTo(Verdict.UNKNOWN);
    }
}
