package dev.mailflow.dns;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * An MX plan that ends by a deadline. Why: a run with a deadline shorter than {@code
 * mailflow.dns.timeout} (a {@code /probe} scrape) must not wait for a silent DNS server past it. The
 * lookups left behind end by their own timeout.
 */
final class PlanDeadline {

    private PlanDeadline() {}

    /**
     * @param what "the MX of ", "the address of ": what the timed-out plan says had no answer
     * @param endNanos {@link System#nanoTime()} by which the plan is given; {@link Long#MAX_VALUE}: none
     */
    static MxPlan within(Supplier<MxPlan> lookup, String name, String what, long endNanos) {
        if (endNanos == Long.MAX_VALUE) {
            return lookup.get();
        }
        long start = System.nanoTime();
        var future = CompletableFuture.supplyAsync(
                lookup, task -> Thread.ofVirtual().name("mx-plan").start(task));
        try {
            return future.get(Math.max(0, endNanos - start), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            var shown = DnsName.bounded(name);
            return failed(
                    shown, DnsOutcome.TIMEOUT, "no answer for " + what + shown + " before the probe's deadline", start);
        } catch (InterruptedException e) {
            // The caller's run ends as INTERRUPTED on the flag; the plan only has to return.
            future.cancel(true);
            Thread.currentThread().interrupt();
            return failed(DnsName.bounded(name), DnsOutcome.ERROR, "interrupted", start);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static MxPlan failed(String name, DnsOutcome outcome, String detail, long start) {
        return new MxPlan(name, outcome, List.of(), Duration.ofNanos(System.nanoTime() - start), detail);
    }
}
