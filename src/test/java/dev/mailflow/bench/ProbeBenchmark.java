package dev.mailflow.bench;

import dev.mailflow.probe.ProbeRequests;
import dev.mailflow.probe.ProbeRun;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Requester;
import dev.mailflow.probe.TooBusyException;
import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput and memory of the engine: many runs through the real {@link ProbeService} (MX lookup
 * against an in-JVM DNS server, SMTP sessions to two in-JVM servers on loopback), as fast as
 * admission allows. Prints figures; asserts nothing (see bench/README.md).
 *
 * <p>Arguments: number of runs (default 2000).
 */
public final class ProbeBenchmark {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (var mx1 = ScriptedSmtpServer.start();
                var mx2 = ScriptedSmtpServer.startOn(
                        java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 2}),
                        mx1.address().getPort(),
                        s -> s);
                var dns = TestDnsServer.builder().zone("bench.test", """
                                @    MX 10 mx1
                                @    MX 20 mx2
                                mx1  A  127.0.0.1
                                mx2  A  127.0.0.2
                                """).start()) {
            int port = mx1.address().getPort();
            var context = BenchApp.start(
                    "mailflow.dns.servers=" + dns.server(),
                    "mailflow.targets.allow=127.0.0.0/8",
                    "mailflow.targets.ports=" + String.valueOf(port),
                    "mailflow.smtp.port=" + String.valueOf(port),
                    "mailflow.smtp.helo-name=bench.contoso.test",
                    "mailflow.probe.max-runs=200",
                    "mailflow.probe.recent-runs=" + String.valueOf(runs),
                    "mailflow.limits.runs-per-user=" + String.valueOf(runs * 2),
                    "mailflow.limits.runs-per-domain=" + String.valueOf(runs * 2));
            try (context) {
                var probes = context.getBean(ProbeService.class);
                var requester = new Requester("bench", false, true);
                var request = ProbeRequests.request(r -> {
                    r.mailFrom = "helpdesk@contoso.test";
                    r.rcptTo = List.of("kate@bench.test");
                    r.allMx = true;
                });

                var warmUp = probes.start(request, requester); // class loading, first DNS answers
                while (!warmUp.isDone()) {
                    warmUp.awaitEventsAfter(Long.MAX_VALUE - 1, Duration.ofMillis(50));
                }
                if (Boolean.getBoolean("bench.transcript")) {
                    warmUp.events().forEach(e -> System.out.printf("%6d ms %-8s %s%n", e.at(), e.kind(), e.text()));
                }
                long heapBefore = usedHeapAfterGc();

                var started = new ArrayList<ProbeRun>(runs);
                long t0 = System.nanoTime();
                int busy = 0;
                while (started.size() < runs) {
                    try {
                        started.add(probes.start(request, requester));
                    } catch (TooBusyException full) {
                        busy++;
                        Thread.sleep(2);
                    }
                }
                for (var run : started) {
                    while (!run.isDone()) {
                        run.awaitEventsAfter(Long.MAX_VALUE - 1, Duration.ofMillis(50));
                    }
                }
                long wallNanos = System.nanoTime() - t0;
                long heapAfter = usedHeapAfterGc();

                var millis = started.stream()
                        .mapToLong(r -> Duration.between(
                                        r.startedAt(), r.finishedAt().orElseThrow())
                                .toMillis())
                        .sorted()
                        .toArray();
                double events = started.stream()
                        .mapToInt(r -> r.events().size())
                        .average()
                        .orElse(0);
                long completed =
                        started.stream().filter(r -> r.diagnosis().isPresent()).count();

                System.out.printf("runs:                 %d (%d completed with a diagnosis)%n", runs, completed);
                System.out.printf("sessions per run:     2 (every MX, in parallel)%n");
                System.out.printf("wall time:            %.2f s%n", wallNanos / 1e9);
                System.out.printf("throughput:           %.0f runs/s%n", runs / (wallNanos / 1e9));
                System.out.printf(
                        "run duration (ms):    p50 %d, p95 %d, max %d%n",
                        millis[millis.length / 2], millis[(int) (millis.length * 0.95)], millis[millis.length - 1]);
                System.out.printf("events per run:       %.1f%n", events);
                System.out.printf("'too busy' refusals:  %d (admission bound mailflow.probe.max-runs=200)%n", busy);
                System.out.printf(
                        "heap per kept run:    %.1f KiB (%d runs kept in memory)%n",
                        (heapAfter - heapBefore) / 1024.0 / runs, runs);
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
