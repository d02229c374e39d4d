package dev.mailflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailflow.testing.dns.TestDnsServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile's training run, done the way the README tells it for {@code java -jar}: the built
 * jar extracted, the training command and JVM options read from the Dockerfile itself, the app
 * stopping after its context refresh. It asks the DNS server it is given nothing (a loopback server
 * that counts questions), writes the AOT cache, and a start with {@code -XX:AOTMode=on} (which
 * refuses to run without a usable cache) becomes ready.
 */
@Tag("system")
class AotTrainingSystemTest {

    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    void theTrainingRunReachesNothingAndItsCacheStartsTheApp() throws Exception {
        var jar = builtJar();
        SystemTier.requires(jar != null, "the packaged jar (run through mvn verify)");
        SystemTier.requires(Runtime.version().feature() >= 25, "a JDK 25 (AOT cache)");
        var dockerfile = Files.readString(Path.of("Dockerfile"));
        var app = dir.resolve("app");
        run(List.of(JAVA, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", app.toString()));
        var appJar = app.resolve(jar.getFileName());
        var cache = dir.resolve("mailflow.aot");

        try (var dns =
                TestDnsServer.builder().zone("unused.test", "@ A 192.0.2.1\n").start()) {
            var training = new ArrayList<>(List.of(JAVA));
            training.addAll(javaToolOptions(dockerfile));
            training.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh"));
            training.addAll(List.of("-jar", appJar.toString()));
            training.addAll(trainingArguments(dockerfile).stream()
                    .map(a -> a.replace("/tmp/training", dir.resolve("training").toString()))
                    .toList());
            training.add("--mailflow.dns.servers=" + dns.server());
            var log = run(training);

            assertThat(log).contains("AOTCache creation is complete");
            assertThat(dns.queries())
                    .as("DNS questions asked by the training run")
                    .isEmpty();
        }
        assertThat(Files.size(cache)).isPositive();

        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var started = new ArrayList<>(List.of(JAVA, "-XX:AOTCache=" + cache, "-XX:AOTMode=on"));
        started.addAll(List.of("-jar", appJar.toString(), "--server.port=" + port));
        started.add("--mailflow.history.dir=" + dir.resolve("data"));
        var output = dir.resolve("run.log");
        var process = new ProcessBuilder(started)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            assertThat(ready(process, port))
                    .as("ready with the AOT cache: %s", Files.readString(output))
                    .isTrue();
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Path builtJar() throws IOException {
        var target = Path.of("target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("mailflow-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElse(null);
        }
    }

    /** The image's JVM options, so the cache is made with the same flags the image runs with. */
    static List<String> javaToolOptions(String dockerfile) {
        var matcher = Pattern.compile("ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);
        assertThat(matcher.find()).as("JAVA_TOOL_OPTIONS in the Dockerfile").isTrue();
        return Arrays.asList(matcher.group(1).strip().split("\\s+"));
    }

    /** The application arguments of the Dockerfile's training run. */
    static List<String> trainingArguments(String dockerfile) {
        var joined = dockerfile.replace("\\\n", " ");
        var matcher = Pattern.compile("RUN java -XX:AOTCacheOutput=\\S+ .*?-jar /app/app.jar(.*?)&&")
                .matcher(joined);
        assertThat(matcher.find()).as("the training run in the Dockerfile").isTrue();
        return Arrays.asList(matcher.group(1).strip().split("\\s+"));
    }

    private String run(List<String> command) throws Exception {
        var log = Files.createTempFile(dir, "command", ".log");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("did not end: " + command);
        }
        var output = Files.readString(log);
        assertThat(process.exitValue()).as("%s\n%s", command, output).isZero();
        return output;
    }

    private static boolean ready(Process process, int port) throws Exception {
        var http = HttpClient.newHttpClient();
        var readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        return false;
    }
}
