package dev.mailflow.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.probe.ProbeEvent.Kind;
import dev.mailflow.smtp.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProbeRunTest {

    private final ProbeRun run = TestRuns.run("r1", request(), "kate", Instant.EPOCH, RunArchive.NONE);

    @Test
    void eventsAreNumberedFromOneWithoutGaps() {
        run.append("s", Phase.BANNER, Kind.RECEIVED, "220 hello");
        run.append("s", Phase.EHLO, Kind.SENT, "EHLO contoso.com");
        run.finish(RunStatus.COMPLETED, Instant.EPOCH);

        assertThat(run.events()).extracting(ProbeEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(run.events().getLast().kind()).isEqualTo(Kind.DONE);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void replayAfterASequenceNumberGivesOnlyLaterEvents() {
        for (int i = 0; i < 5; i++) {
            run.append("s", Phase.RCPT, Kind.RECEIVED, "250 ok " + i);
        }
        assertThat(run.eventsAfter(3)).extracting(ProbeEvent::seq).containsExactly(4L, 5L);
        assertThat(run.eventsAfter(5)).isEmpty();
        assertThat(run.eventsAfter(99)).isEmpty();
    }

    @Test
    void nothingIsAppendedAfterDone() {
        run.finish(RunStatus.COMPLETED, Instant.EPOCH);
        assertThat(run.append("s", Phase.QUIT, Kind.SENT, "QUIT")).isNull();
        assertThat(run.events()).hasSize(1);
    }

    @Test
    void aWaitingReaderWakesForNewEventsAndForTheEnd() throws Exception {
        var seen = new ArrayList<ProbeEvent>();
        var started = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var reader = executor.submit(() -> {
                long last = 0;
                started.countDown();
                while (true) {
                    List<ProbeEvent> batch = run.awaitEventsAfter(last, Duration.ofSeconds(30));
                    seen.addAll(batch);
                    if (!batch.isEmpty()) {
                        last = batch.getLast().seq();
                    }
                    if (run.isDone() && run.eventsAfter(last).isEmpty()) {
                        return last;
                    }
                }
            });
            started.await();
            run.append("s", Phase.BANNER, Kind.RECEIVED, "220 hello");
            run.append("s", Phase.QUIT, Kind.SENT, "QUIT");
            run.finish(RunStatus.COMPLETED, Instant.EPOCH);

            assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo(3L);
        }
        assertThat(seen).extracting(ProbeEvent::seq).containsExactly(1L, 2L, 3L);
    }

    @Test
    void awaitReturnsEmptyWhenNothingArrivesInTime() throws Exception {
        assertThat(run.awaitEventsAfter(0, Duration.ofMillis(20))).isEmpty();
    }

    @Test
    void concurrentWritersNeverLoseOrDuplicateASequenceNumber() throws Exception {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                executor.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        run.append("s" + thread, Phase.RCPT, Kind.RECEIVED, "250 " + i);
                    }
                });
            }
        }
        var seqs = run.events().stream().map(ProbeEvent::seq).toList();
        assertThat(seqs).hasSize(1600).doesNotHaveDuplicates().isSorted();
        assertThat(seqs.getLast()).isEqualTo(1600L);
    }

    @Test
    void aRunThatWritesTooMuchIsCutOffWithANote() {
        for (int i = 0; i < ProbeRun.MAX_EVENTS + 10; i++) {
            run.append("s", Phase.RCPT, Kind.RECEIVED, "250 ok");
        }
        run.finish(RunStatus.COMPLETED, Instant.EPOCH);
        var events = run.events();
        assertThat(events).hasSizeLessThanOrEqualTo(ProbeRun.MAX_EVENTS + 1);
        assertThat(events).anyMatch(e -> e.kind() == Kind.ERROR && e.text().contains("Too many events"));
        assertThat(events.getLast().kind()).isEqualTo(Kind.DONE);
    }

    static ProbeRequest request() {
        return ProbeRequests.request(r -> r.rcptTo = List.of("kate@example.com"));
    }

    @Test
    void aSnapshotsStatusAndEventsAgree() {
        var run = TestRuns.running("s1");
        run.append(null, null, ProbeEvent.Kind.INFO, "working");
        var running = run.snapshot();
        run.finish(RunStatus.COMPLETED, TestRuns.STARTED);
        var done = run.snapshot();

        assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(running.events()).extracting(ProbeEvent::kind).containsExactly(ProbeEvent.Kind.INFO);
        assertThat(running.finishedAt()).isEmpty();
        assertThat(done.isDone()).isTrue();
        assertThat(done.events().getLast().kind()).isEqualTo(ProbeEvent.Kind.DONE);
        assertThat(done.lastSeq()).isEqualTo(2);
        assertThat(done.finishedAt()).hasValue(TestRuns.STARTED);
    }
}
