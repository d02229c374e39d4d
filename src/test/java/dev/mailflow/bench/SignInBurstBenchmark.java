package dev.mailflow.bench;

import dev.mailflow.MailflowApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * A burst of HTTP Basic requests with a wrong user and password ({@code nobody:wrong}, which costs a
 * full bcrypt check at the default strength 10) from many clients at once, while one client asks
 * {@code /actuator/health} every 20 ms. Prints the health timings during the burst and the answers
 * the burst got, for three settings: no bound (as before issue 9), the password-check bound alone,
 * and the defaults (bound plus throttle). Figures, not assertions.
 */
public final class SignInBurstBenchmark {

    private SignInBurstBenchmark() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        System.out.printf(
                "burst: %d requests with Basic nobody:wrong from %d clients at once; %d processors%n%n",
                requests, clients, Runtime.getRuntime().availableProcessors());
        measure(
                "unbounded (as before)",
                requests,
                clients,
                Map.of(
                        "mailflow.security.sign-in.concurrent-checks", "100000",
                        "mailflow.security.sign-in.check-wait", "10m",
                        "mailflow.security.sign-in.failures-per-address", "1000000",
                        "mailflow.security.sign-in.failures-per-user", "1000000"));
        measure(
                "checks bounded, no throttle",
                requests,
                clients,
                Map.of(
                        "mailflow.security.sign-in.failures-per-address", "1000000",
                        "mailflow.security.sign-in.failures-per-user", "1000000"));
        measure("defaults (bounded and throttled)", requests, clients, Map.of());
    }

    private static void measure(String name, int requests, int clients, Map<String, String> settings) throws Exception {
        var properties = new ArrayList<String>(List.of("server.port=0", "logging.level.root=WARN"));
        settings.forEach((k, v) -> properties.add(k + "=" + v));
        try (var context = new SpringApplicationBuilder(MailflowApplication.class)
                .properties(properties.toArray(String[]::new))
                .run()) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            var http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            var base = "http://127.0.0.1:" + port;
            get(http, base + "/actuator/health", null); // warm up
            var wrong = "Basic " + Base64.getEncoder().encodeToString("nobody:wrong".getBytes(StandardCharsets.UTF_8));

            var healthMillis = Collections.synchronizedList(new ArrayList<Long>());
            var bursting = new AtomicBoolean(true);
            var sampler = Thread.ofPlatform().start(() -> {
                while (bursting.get()) {
                    long start = System.nanoTime();
                    get(http, base + "/actuator/health", null);
                    healthMillis.add((System.nanoTime() - start) / 1_000_000);
                    sleep(20);
                }
            });
            var answers = new ConcurrentHashMap<Integer, AtomicInteger>();
            var gate = new Semaphore(clients);
            long start = System.nanoTime();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < requests; i++) {
                    gate.acquire();
                    threads.submit(() -> {
                        try {
                            int status = get(http, base + "/api/codes/550", wrong);
                            answers.computeIfAbsent(status, s -> new AtomicInteger())
                                    .incrementAndGet();
                        } finally {
                            gate.release();
                        }
                    });
                }
            }
            long burst = (System.nanoTime() - start) / 1_000_000;
            bursting.set(false);
            sampler.join();

            var sorted = new ArrayList<>(healthMillis);
            Collections.sort(sorted);
            System.out.printf("%s%n", name);
            System.out.printf("  burst took:            %d ms%n", burst);
            System.out.printf("  answers:               %s%n", new TreeMap<>(answers));
            System.out.printf(
                    "  /actuator/health (ms): %d samples, p50 %d, p95 %d, max %d%n%n",
                    sorted.size(), pct(sorted, 50), pct(sorted, 95), sorted.isEmpty() ? -1 : sorted.getLast());
        }
    }

    private static int get(HttpClient http, String url, String authorization) {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
