package dev.mailflow.bench;

import dev.mailflow.probe.ProbeRequests;
import dev.mailflow.probe.ProbeService;
import dev.mailflow.probe.Requester;
import dev.mailflow.smtp.Phase;
import dev.mailflow.smtp.TlsMode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The heap that many concurrent sessions hold while a server accepts and never answers (a tarpit):
 * that many runs through the real {@link ProbeService}, every bound raised to let them all in,
 * each waiting for a banner. Prints figures; asserts nothing. Arguments: sessions (default 10000)
 * and, optionally, the port of a silent server on 127.0.0.1 run by another process (otherwise one
 * runs in this process, which then needs two open files per session).
 */
public final class SilentSessionsBenchmark {

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        var held = new ConcurrentLinkedQueue<Socket>();
        boolean external = args.length > 1;
        try (var silent = external ? null : new ServerSocket(0, sessions, InetAddress.getLoopbackAddress())) {
            if (!external) {
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        while (true) {
                            held.add(silent.accept()); // accepted, never answered
                        }
                    } catch (IOException closed) {
                        // the benchmark is over
                    }
                });
            }
            int port = external ? Integer.parseInt(args[1]) : silent.getLocalPort();
            var context = BenchApp.start(
                    "mailflow.targets.allow=127.0.0.0/8",
                    "mailflow.targets.ports=" + port,
                    "mailflow.probe.max-runs=" + sessions,
                    "mailflow.probe.max-sessions=" + sessions,
                    "mailflow.probe.max-sessions-per-address=" + sessions,
                    "mailflow.probe.recent-runs=" + sessions,
                    "mailflow.limits.runs-per-user=" + sessions,
                    "mailflow.limits.runs-per-domain=" + sessions,
                    "mailflow.smtp.timeouts.banner=5m",
                    "mailflow.smtp.timeouts.total=10m",
                    "mailflow.smtp.helo-name=bench.contoso.test");
            try (context) {
                var probes = context.getBean(ProbeService.class);
                var requester = new Requester("bench", false, true);
                var request = ProbeRequests.request(r -> {
                    r.host = "127.0.0.1";
                    r.port = port;
                    r.tls = TlsMode.NONE;
                    r.quitAfter = Phase.BANNER;
                    r.allMx = true;
                });
                long before = usedHeapAfterGc();
                long start = System.nanoTime();
                for (int i = 0; i < sessions; i++) {
                    probes.start(request, requester);
                }
                while (probes.sessionsInFlight() < sessions || (!external && held.size() < sessions)) {
                    if (System.nanoTime() - start > 120_000_000_000L) {
                        throw new IllegalStateException("only " + probes.sessionsInFlight() + " sessions in flight, "
                                + (external ? "?" : held.size()) + " accepted after 2 minutes");
                    }
                    Thread.sleep(100);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long during = usedHeapAfterGc();
                System.out.printf(
                        "sessions waiting for a banner: %d (connected in %.1f s)%n",
                        probes.sessionsInFlight(), seconds);
                System.out.printf("heap used before:  %.1f MiB%n", before / 1048576.0);
                System.out.printf("heap used during:  %.1f MiB (after GC)%n", during / 1048576.0);
                System.out.printf("heap per session:  %.1f KiB%n", (during - before) / 1024.0 / sessions);
                System.out.printf(
                        "max heap (-Xmx):   %.0f MiB%n", Runtime.getRuntime().maxMemory() / 1048576.0);
            }
        } finally {
            for (var socket : held) {
                socket.close();
            }
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
