package dev.mailflow.testing;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole mailflow in its own JVM, started as an operator starts the jar (the application's own
 * configuration plus the settings given), so that a test can kill it outright (SIGKILL), as a
 * crashed or evicted pod dies: no shutdown hook, no last write.
 */
public final class MailflowProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private MailflowProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static MailflowProcess start(int smtpPort, Map<String, String> settings)
            throws IOException, InterruptedException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(
                java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "dev.mailflow.MailflowApplication"));
        command.addAll(MailflowInstance.arguments(port, smtpPort, settings));
        var log = Files.createTempFile("mailflow-process", ".log");
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        var started = new MailflowProcess(process, port, log);
        started.awaitHealthy(Duration.ofSeconds(120));
        return started;
    }

    public int port() {
        return port;
    }

    public AppClient client() {
        return AppClient.signedIn(port);
    }

    /** SIGKILL: the process ends mid-whatever, as a crashed pod does. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        kill();
        Files.deleteIfExists(log);
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        var http = HttpClient.newHttpClient();
        var health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mailflow exited: " + log());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(300);
        }
        throw new IOException("mailflow did not become ready within " + timeout + ": " + log());
    }
}
