package dev.mailflow.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.probe.ArchivedRuns;
import dev.mailflow.probe.RunOutcome;
import dev.mailflow.probe.Vantage;
import dev.mailflow.probe.VantagePart;
import dev.mailflow.probe.VantagePart.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the parts of runs from several vantages need of every database: one claim per part, a part
 * locked by one worker skipped by the next rather than waited for, settled once; the registry's
 * heartbeats. Mixed into the history store tests on H2 and on PostgreSQL.
 */
interface PartClaimsContractTest {

    Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    DataSource dataSource();

    /** One data source for the claims and their transactions (the H2 test makes a new one per call). */
    default PartClaims claims(String instance) {
        var source = dataSource();
        return new PartClaims(
                JdbcClient.create(source), new TransactionTemplate(new DataSourceTransactionManager(source)), instance);
    }

    /** A vantage name of this test alone, so tests sharing the database never claim each other's parts. */
    static String vantage() {
        return "v" + HistoryStoreContractTest.id().substring(0, 12);
    }

    @Test
    default void aWorkerClaimsTheOldestPartOfItsVantageOnceAndNothingElse() {
        var a = vantage();
        var b = vantage();
        var first = HistoryStoreContractTest.id();
        var second = HistoryStoreContractTest.id();
        var worker = claims("worker-a");
        // Asked long before the claim timeout: its run gave up on it, so no worker takes it up now.
        var stale = HistoryStoreContractTest.id();
        worker.ask(stale, List.of(a), ArchivedRuns.request("example.com"), "kate", T0.minusSeconds(60));
        worker.ask(first, List.of(a, b), ArchivedRuns.request("example.com"), "kate", T0);
        worker.ask(second, List.of(a), ArchivedRuns.request("example.com"), "kate", T0.plusSeconds(1));

        var claimed = worker.claim(a, "part-1", T0.minusSeconds(30), T0.plusSeconds(2))
                .orElseThrow();
        assertThat(claimed.runId()).isEqualTo(first);
        assertThat(claimed.status()).isEqualTo(Status.CLAIMED);
        assertThat(claimed.request()).isEqualTo(ArchivedRuns.request("example.com"));
        assertThat(claimed.owner()).isEqualTo("kate");
        assertThat(worker.claim(a, "part-2", T0.minusSeconds(30), T0.plusSeconds(2))
                        .orElseThrow()
                        .runId())
                .isEqualTo(second);
        assertThat(worker.claim(a, "part-3", T0.minusSeconds(30), T0.plusSeconds(2)))
                .isEmpty();

        var parts = worker.parts(first);
        assertThat(parts).extracting(VantagePart::vantage).containsExactly(a, b);
        assertThat(parts.get(0).status()).isEqualTo(Status.CLAIMED);
        assertThat(parts.get(0).instance()).isEqualTo("worker-a");
        assertThat(parts.get(0).partRun()).isEqualTo("part-1");
        assertThat(parts.get(0).claimedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(parts.get(1).status()).isEqualTo(Status.PENDING);
        assertThat(worker.parts(stale).getFirst().status()).isEqualTo(Status.PENDING);
    }

    @Test
    default void aPartLockedByOneWorkerIsSkippedByTheNextNotWaitedFor() throws Exception {
        var a = vantage();
        var first = HistoryStoreContractTest.id();
        var second = HistoryStoreContractTest.id();
        var worker = claims("worker-1");
        worker.ask(first, List.of(a), ArchivedRuns.request("example.com"), "kate", T0);
        worker.ask(second, List.of(a), ArchivedRuns.request("example.com"), "kate", T0.plusSeconds(1));
        var locked = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        try (var holder = Executors.newVirtualThreadPerTaskExecutor()) {
            // Worker 1 is in the middle of its claim: the oldest row locked, its transaction open.
            var source = dataSource();
            var holding = holder.submit(() -> new TransactionTemplate(new DataSourceTransactionManager(source))
                    .execute(status -> {
                        JdbcClient.create(source)
                                .sql("select run_id from vantage_parts where run_id = ? for update")
                                .param(first)
                                .query(String.class)
                                .single();
                        locked.countDown();
                        await(release);
                        return null;
                    }));
            await(locked);
            var claimed = claims("worker-2").claim(a, "part-2", T0.minusSeconds(30), T0.plusSeconds(2));
            release.countDown();
            holding.get(30, TimeUnit.SECONDS);

            assertThat(claimed.orElseThrow().runId()).isEqualTo(second);
        }
    }

    @Test
    default void aPartIsSettledOnceAndOnlyFromTheStatusItWasReadWith() {
        var a = vantage();
        var run = HistoryStoreContractTest.id();
        var parts = claims("central");
        parts.ask(run, List.of(a), ArchivedRuns.request("example.com"), "kate", T0);
        var pending = parts.parts(run).getFirst();
        parts.claim(a, "part-1", T0.minusSeconds(30), T0.plusSeconds(1)).orElseThrow();

        // The claim timeout lost against the claim: the part is the worker's now.
        assertThat(parts.settle(pending, Status.FAILED, null, RunOutcome.FAILED, "no worker"))
                .isFalse();
        var claimed = parts.parts(run).getFirst();
        assertThat(parts.settle(claimed, Status.COMPLETED, "192.0.2.7", RunOutcome.BOUNCE, "would bounce"))
                .isTrue();
        assertThat(parts.settle(claimed, Status.INTERRUPTED, null, RunOutcome.FAILED, "lease"))
                .isFalse();

        var settled = parts.parts(run).getFirst();
        assertThat(settled.status()).isEqualTo(Status.COMPLETED);
        assertThat(settled.result().egress()).isEqualTo("192.0.2.7");
        assertThat(settled.result().outcome()).isEqualTo(RunOutcome.BOUNCE);
        assertThat(settled.result().verdict()).isEqualTo("would bounce");
    }

    @Test
    default void aHeartbeatReplacesTheVantagesLastOne() {
        var name = vantage();
        var parts = claims("pod-1");
        parts.heartbeat(new Vantage(
                name, null, "1.0", T0, Duration.ofSeconds(10), "192.0.2.7", null, "mail.example.com", "not listed"));
        claims("pod-2")
                .heartbeat(new Vantage(
                        name,
                        null,
                        "1.1",
                        T0.plusSeconds(10),
                        Duration.ofSeconds(10),
                        "192.0.2.8",
                        "2001:db8::8",
                        null,
                        null));

        var written =
                parts.vantages().stream().filter(v -> v.name().equals(name)).toList();
        assertThat(written).hasSize(1);
        var vantage = written.getFirst();
        assertThat(vantage.instance()).isEqualTo("pod-2");
        assertThat(vantage.version()).isEqualTo("1.1");
        assertThat(vantage.heartbeatAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(vantage.egressV4()).isEqualTo("192.0.2.8");
        assertThat(vantage.egressV6()).isEqualTo("2001:db8::8");
        assertThat(vantage.up(T0.plusSeconds(39))).isTrue();
        assertThat(vantage.up(T0.plusSeconds(40))).isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the other transaction did not get there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
