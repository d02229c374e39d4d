package dev.mailflow.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.smtp.Phase;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAuditTest {

    @Test
    void oneLineSaysWhoWhereHowAndTheOutcome() {
        var run = TestRuns.rejectedRcptRunning("r1", "mx ESMTP");
        var owned = TestRuns.sameState("r1", run, "kate", TestRuns.STARTED);
        TestRuns.finish(owned, RunStatus.COMPLETED);

        assertThat(RunAudit.line(owned))
                .isEqualTo("run=r1 user=kate started=2026-01-02T03:04:05Z finished=2026-01-02T03:04:08Z"
                        + " domain=example.com mx=mx.example.com contacted=192.0.2.25:25 data=false dataSent=false"
                        + " authOverUntrustedTls=false status=COMPLETED verdict=BOUNCE reason=RECIPIENT_UNKNOWN"
                        + " partOf=-");
    }

    /** A vantage's part is audited where it ran, naming the run it is part of (asked and audited elsewhere). */
    @Test
    void aVantagesPartNamesTheRunItIsPartOf() {
        var request = ProbeRequests.request(r -> {
            r.domain = "example.com";
            r.rcptTo = List.of("kate@example.com");
        });
        var part = new ProbeRun(
                "p1",
                TestRuns.VALIDATION.validate(request),
                request.withoutSecrets(),
                "kate",
                TestRuns.STARTED,
                System.nanoTime(),
                RunArchive.NONE,
                RunOrigin.partOf("r1"));
        TestRuns.finish(part, RunStatus.COMPLETED);

        assertThat(RunAudit.line(part)).startsWith("run=p1 user=kate ").endsWith(" partOf=r1");
    }

    @Test
    void noSubjectBodyOrSenderDetailsAndNoForgedKeys() {
        var request = ProbeRequests.request(r -> {
            r.domain = "example.com";
            r.mailFrom = "helpdesk@contoso.com";
            r.rcptTo = List.of("kate@example.com");
            r.quitAfter = Phase.DATA;
            r.message = new ProbeRequest.Message("secret subject", "secret body password=hunter2");
        });
        var run = TestRuns.run("r2", request, "eve status=COMPLETED\nrun=forged", TestRuns.STARTED, RunArchive.NONE);
        TestRuns.finish(run, RunStatus.FAILED);

        var line = RunAudit.line(run);

        assertThat(line)
                .doesNotContain("secret", "hunter2", "\n")
                .contains("user=eve_status_COMPLETED_run_forged")
                .contains(" data=true ")
                .contains("status=FAILED");
        assertThat(line.split(" ")).filteredOn(p -> p.startsWith("status=")).hasSize(1);
    }

    @Test
    void longValuesAreCut() {
        assertThat(RunAudit.value("a".repeat(1000))).hasSize(259).endsWith("...");
        assertThat(RunAudit.value(null)).isEqualTo("-");
    }
}
