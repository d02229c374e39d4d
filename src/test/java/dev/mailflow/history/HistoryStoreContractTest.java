package dev.mailflow.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.probe.ArchivedRuns;
import dev.mailflow.probe.ProbeEvent;
import dev.mailflow.probe.Requester;
import dev.mailflow.probe.RunOutcome;
import dev.mailflow.probe.RunStatus;
import dev.mailflow.testing.MovableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What the history store must do on every database it supports; {@link H2HistoryStoreTest} runs it
 * on the embedded H2, the PostgreSQL system test on a real PostgreSQL.
 */
abstract class HistoryStoreContractTest {

    static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    static final Requester KATE = new Requester("kate", false, false);
    static final Requester ADMIN = new Requester("admin", true, true);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new connection pool to the same migrated database: a second one is a restart or another replica. */
    public abstract DataSource dataSource();

    static String id() {
        var bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    HistoryStore store(String instance, Instant now) {
        return new HistoryStore(dataSource(), instance, new MovableClock(now));
    }

    @Test
    void aRestartKeepsEveryRunWithItsTranscriptAndResult() {
        var before = store("pod-a", T0);
        var run = ArchivedRuns.completed(id(), "kate", "example.com", T0, ArchivedRuns.UNKNOWN_USER, before.archive);

        var after = store("pod-a", T0.plusSeconds(60));
        var stored = after.journal.find(run.id()).orElseThrow();

        assertThat(stored.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(stored.isDone()).isTrue();
        assertThat(stored.events()).isEqualTo(run.events());
        assertThat(stored.events().getLast().kind()).isEqualTo(ProbeEvent.Kind.DONE);
        assertThat(stored.plan()).isEqualTo(run.plan());
        assertThat(stored.sessions()).isEqualTo(run.sessions());
        assertThat(stored.diagnosis()).isEqualTo(run.diagnosis());
        assertThat(stored.request()).isEqualTo(run.request());
        assertThat(stored.owner()).isEqualTo("kate");
        assertThat(stored.startedAt()).isEqualTo(T0);
        assertThat(stored.finishedAt()).contains(T0.plusSeconds(2));
        assertThat(after.history.summary(run.id(), KATE).orElseThrow().outcome())
                .isEqualTo(RunOutcome.BOUNCE);
    }

    @Test
    void anInterruptedRunIsFailedInItsResultInTheListAndUnderTheFailedFilter() {
        var crashed = store("pod-a", T0);
        var domain = "cut" + id().substring(0, 8) + ".example";
        var run = ArchivedRuns.running(id(), "kate", domain, T0, crashed.archive);
        var other = store("pod-b", T0.plus(HistoryStore.LEASE).plusSeconds(1));
        assertThat(other.leases.closeExpired()).isGreaterThanOrEqualTo(1);

        var stored = other.journal.find(run.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(stored.outcome()).contains(RunOutcome.FAILED);
        var listed = other.history
                .list(filter(domain, null, null, null, null, null), KATE)
                .runs();
        assertThat(listed).extracting(RunSummary::outcome).containsExactly(RunOutcome.FAILED);
        assertThat(ids(other.history.list(filter(domain, null, "FAILED", null, null, null), KATE)))
                .containsExactly(run.id());
        assertThat(other.history.recent(KATE, 100))
                .filteredOn(r -> r.id().equals(run.id()))
                .extracting(ListedRun::outcome)
                .containsExactly(java.util.Optional.of(RunOutcome.FAILED));
    }

    @Test
    void aRunOfAnInternationalDomainIsStoredListedAndFilteredUnderItsALabel() {
        var store = store("pod-a", T0);
        var unicode = "faß" + id().substring(0, 6) + ".test";
        var ascii = dev.mailflow.mail.DomainName.parse(unicode).ascii();
        var run = ArchivedRuns.completed(id(), "kate", unicode, T0, ArchivedRuns.UNKNOWN_USER, store.archive);

        assertThat(ascii).startsWith("xn--");
        assertThat(run.domain()).isEqualTo(ascii);
        assertThat(ids(store.history.list(filter(ascii, null, null, null, null, null), KATE)))
                .containsExactly(run.id());
        // Upper case ß is SS, and fass... is another domain (IDNA 2003 would have made them one).
        assertThat(ids(store.history.list(
                        filter(unicode.toUpperCase(java.util.Locale.ROOT), null, null, null, null, null), KATE)))
                .isEmpty();
        // Typed as people write it, the filter finds the run.
        assertThat(ids(store.history.list(filter(unicode, null, null, null, null, null), KATE)))
                .containsExactly(run.id());
        assertThat(ids(store.history.list(filter(null, "kate@" + unicode, null, null, null, null), KATE)))
                .containsExactly(run.id());
        var summary = store.history.summary(run.id(), KATE).orElseThrow();
        assertThat(summary.domain()).isEqualTo(ascii);
        assertThat(store.journal.find(run.id()).orElseThrow().domain()).isEqualTo(ascii);
    }

    @Test
    void aRunCutOffByACrashBecomesInterruptedOnceItsLeaseRunsOutKeepingItsPartialTranscript() {
        var crashed = store("pod-a", T0);
        var run = ArchivedRuns.running(id(), "kate", "example.com", T0, crashed.archive);
        var partial = run.events();

        var other = store("pod-b", T0.plus(HistoryStore.LEASE).minusSeconds(1));
        other.leases.closeExpired();
        assertThat(other.journal.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

        other.clock.advance(Duration.ofSeconds(2));
        assertThat(other.leases.closeExpired()).isEqualTo(1);
        assertThat(other.leases.closeExpired()).isZero();

        var stored =
                store("pod-c", other.clock.instant()).journal.find(run.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.INTERRUPTED);
        var events = stored.events();
        assertThat(events.subList(0, partial.size())).isEqualTo(partial);
        var note = events.get(partial.size());
        assertThat(note.kind()).isEqualTo(ProbeEvent.Kind.ERROR);
        assertThat(note.text()).contains("pod-a", "pod-b", other.clock.instant().toString());
        assertThat(events.getLast().kind()).isEqualTo(ProbeEvent.Kind.DONE);
        assertThat(events.getLast().seq()).isEqualTo(partial.size() + 2);
    }

    @Test
    void aRenewedLeaseKeepsARunRunningAndARestartedInstanceClosesItsOwnRunsAtOnce() {
        var a = store("pod-renew", T0);
        var run = ArchivedRuns.running(id(), "kate", "example.com", T0, a.archive);
        a.clock.advance(HistoryStore.LEASE.minusSeconds(5));
        a.leases.renew();

        var b = store("pod-other", T0.plus(HistoryStore.LEASE).plusSeconds(5));
        b.leases.closeExpired();
        assertThat(b.journal.find(run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

        var restarted = store("pod-renew", a.clock.instant());
        assertThat(restarted.leases.closeOwn()).isEqualTo(1);
        var stored = restarted.journal.find(run.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(stored.events().get(stored.events().size() - 2).text()).contains("pod-renew", "restarted");
    }

    @Test
    void theRetentionPurgeDeletesOldRunsAndTheirEventsOnly() {
        var store = store("pod-a", T0);
        var old = ArchivedRuns.completed(
                id(), "kate", "purge.example", T0.minus(Duration.ofDays(91)), ArchivedRuns.UNKNOWN_USER, store.archive);
        var recent = ArchivedRuns.completed(
                id(), "kate", "purge.example", T0.minus(Duration.ofDays(89)), ArchivedRuns.UNKNOWN_USER, store.archive);
        long rows = store.eventRows();

        assertThat(store.retention.purge()).isGreaterThanOrEqualTo(1);

        assertThat(store.journal.find(old.id())).isEmpty();
        assertThat(store.journal.find(recent.id())).isPresent();
        assertThat(store.eventRows()).isLessThanOrEqualTo(rows - old.events().size());
        assertThat(store.jdbc
                        .sql("select count(*) from run_events where run_id = ?")
                        .param(old.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theListFiltersByWhatPeopleAskAndShowsOnlyWhatTheyMayRead() {
        var store = store("pod-a", T0);
        var domain = "list" + id().substring(0, 8) + ".example";
        var bounce = ArchivedRuns.completed(id(), "kate", domain, T0, ArchivedRuns.UNKNOWN_USER, store.archive);
        var ok = new ArchivedRuns.Server("192.0.2.26", 250, "TLSv1.3", "aa11");
        var delivered = ArchivedRuns.completed(id(), "kate", domain, T0.plusSeconds(10), ok, store.archive);
        var someoneElses = ArchivedRuns.completed(id(), "eve", domain, T0.plusSeconds(20), ok, store.archive);
        var elsewhere = ArchivedRuns.completed(id(), "kate", "other" + domain, T0.plusSeconds(30), ok, store.archive);

        assertThat(ids(store.history.list(filter(domain, null, null, null, null, null), KATE)))
                .containsExactly(delivered.id(), bounce.id());
        assertThat(ids(store.history.list(filter(domain, null, "bounce", null, null, null), KATE)))
                .containsExactly(bounce.id());
        assertThat(ids(store.history.list(filter(null, "KATE@" + domain, null, null, null, null), ADMIN)))
                .containsExactly(someoneElses.id(), delivered.id(), bounce.id());
        assertThat(ids(store.history.list(filter(domain, null, null, "eve", null, null), ADMIN)))
                .containsExactly(someoneElses.id());
        // A user filter is for those who see every run; anyone else still sees only their own.
        assertThat(ids(store.history.list(filter(domain, null, null, "eve", null, null), KATE)))
                .containsExactly(delivered.id(), bounce.id());
        assertThat(ids(store.history.list(
                        filter("other" + domain, null, null, null, "2026-11-01", "2026-11-01"), KATE)))
                .containsExactly(elsewhere.id());
        assertThat(ids(store.history.list(filter("other" + domain, null, null, null, "2026-11-02", null), KATE)))
                .isEmpty();
        var summary = store.history.summary(bounce.id(), KATE).orElseThrow();
        assertThat(summary.rcptTo()).containsExactly("kate@" + domain);
        assertThat(summary.verdict()).isEqualTo(bounce.diagnosis().orElseThrow().verdict());
        assertThat(summary.owner()).isEqualTo("kate");
        assertThat(store.history.summary(someoneElses.id(), KATE)).isEmpty();
    }

    @Test
    void aDomainInTheRecipientFilterFindsTheDomainsRunsThoseWithoutRecipientsIncluded() {
        var store = store("pod-a", T0);
        var domain = "rcpt" + id().substring(0, 8) + ".example";
        var withRecipient = ArchivedRuns.completed(id(), "kate", domain, T0, ArchivedRuns.UNKNOWN_USER, store.archive);
        var domainOnly = ArchivedRuns.domainOnly(id(), "kate", domain, T0.plusSeconds(10), store.archive);
        ArchivedRuns.domainOnly(id(), "kate", "other" + domain, T0.plusSeconds(20), store.archive);

        for (var rcpt : List.of(domain, "@" + domain, domain.toUpperCase(java.util.Locale.ROOT))) {
            assertThat(ids(store.history.list(filter(null, rcpt, null, null, null, null), KATE)))
                    .as(rcpt)
                    .containsExactly(domainOnly.id(), withRecipient.id());
        }
        // An address finds the runs that asked for it; a run of the domain alone asked for postmaster.
        assertThat(ids(store.history.list(filter(null, "kate@" + domain, null, null, null, null), KATE)))
                .containsExactly(withRecipient.id());
        assertThat(ids(store.history.list(filter(null, "postmaster@" + domain, null, null, null, null), KATE)))
                .containsExactly(domainOnly.id());
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeatsEvenWhenRunsShareAMillisecond() {
        var store = store("pod-a", T0);
        var domain = "pages" + id().substring(0, 8) + ".example";
        var expected = new ArrayList<String>();
        for (int i = 0; i < 7; i++) {
            // Pairs of runs start in the same millisecond; the id breaks the tie.
            var run = ArchivedRuns.completed(
                    id(), "kate", domain, T0.plusSeconds(i / 2), ArchivedRuns.UNKNOWN_USER, store.archive);
            expected.add(run.id());
        }
        var newestFirst = store.history.list(filter(domain, null, null, null, null, null), KATE).runs().stream()
                .map(RunSummary::id)
                .toList();
        assertThat(newestFirst).containsExactlyInAnyOrderElementsOf(expected);

        var seen = new ArrayList<String>();
        String next = null;
        int pages = 0;
        do {
            var page = store.history.list(
                    new HistoryQuery(domain, null, null, null, null, null, "3", next, null).filter(), KATE);
            page.runs().forEach(r -> seen.add(r.id()));
            next = page.next();
            pages++;
        } while (next != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void theDiffListsWhatChangedSinceThePreviousCompletedRunOfTheDomain() {
        var store = store("pod-a", T0);
        var domain = "diff" + id().substring(0, 8) + ".example";
        var first = ArchivedRuns.completed(id(), "kate", domain, T0, ArchivedRuns.UNKNOWN_USER, store.archive);
        var same = ArchivedRuns.completed(
                id(), "kate", domain, T0.plusSeconds(60), ArchivedRuns.UNKNOWN_USER, store.archive);
        var changed = ArchivedRuns.completed(
                id(),
                "kate",
                domain,
                T0.plusSeconds(120),
                new ArchivedRuns.Server("192.0.2.25", 250, "TLSv1.2", "bb22"),
                store.archive);

        var none = store.history.diff(first, KATE);
        assertThat(none.against()).isNull();
        assertThat(none.changes()).isEmpty();

        assertThat(store.history.diff(same, KATE)).isEqualTo(new RunDiff(first.id(), List.of()));

        var diff = store.history.diff(changed, KATE);
        assertThat(diff.against()).isEqualTo(same.id());
        var where = " at mx." + domain + " [192.0.2.25]";
        assertThat(diff.changes())
                .contains(
                        new RunDiff.Change("reply to RCPT" + where, "550 5.1.1", "250 2.1.5"),
                        new RunDiff.Change("TLS version" + where, "TLSv1.3", "TLSv1.2"),
                        new RunDiff.Change("certificate fingerprint" + where, "aa11", "bb22"))
                .extracting(RunDiff.Change::what)
                .contains("verdict");
        // Someone else's earlier run is not compared against: its existence is not revealed.
        var eves = ArchivedRuns.completed(
                id(), "eve", domain, T0.plusSeconds(180), ArchivedRuns.UNKNOWN_USER, store.archive);
        assertThat(store.history.diff(eves, new Requester("eve", false, false)).against())
                .isNull();
    }

    /** The same server on another port: one change, the port, not every fact of the session as gone and new. */
    @Test
    void aRunOnAnotherPortShowsThePortAsTheOneChange() {
        var store = store("pod-a", T0);
        var domain = "port" + id().substring(0, 8) + ".example";
        ArchivedRuns.completed(id(), "kate", domain, T0, ArchivedRuns.UNKNOWN_USER, store.archive);
        var submission = ArchivedRuns.completed(
                id(), "kate", domain, T0.plusSeconds(60), ArchivedRuns.UNKNOWN_USER.on(587), store.archive);

        assertThat(store.history.diff(submission, KATE).changes())
                .containsExactly(new RunDiff.Change("port", "25", "587"));
    }

    @Test
    void anotherInstanceFollowsARunningRunToItsEndWithEveryEventOnce() {
        var a = store("pod-a", T0);
        var b = store("pod-b", T0);
        var run = ArchivedRuns.running(id(), "kate", "follow.example", T0, a.archive);

        var copy = b.journal.find(run.id()).orElseThrow();
        assertThat(copy.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(copy.events()).isEqualTo(run.events());
        assertThat(copy.sessions()).isEqualTo(run.sessions());

        var finished = ArchivedRuns.finishRunning(run);
        b.copies.refreshAll();
        b.copies.refreshAll();

        assertThat(copy.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(copy.events()).isEqualTo(finished.events());
        assertThat(copy.diagnosis()).isEqualTo(finished.diagnosis());
        assertThat(b.copies.followedCount()).isZero();
    }

    static HistoryFilter filter(String domain, String rcpt, String outcome, String user, String from, String to) {
        return new HistoryQuery(domain, rcpt, outcome, user, from, to, null, null, null).filter();
    }

    static List<String> ids(HistoryPage page) {
        return page.runs().stream().map(RunSummary::id).toList();
    }
}
