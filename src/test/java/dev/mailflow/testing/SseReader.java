package dev.mailflow.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads one SSE stream in the background, event by event (id, name, data), until the server ends
 * it; a test can look at what arrived so far while the stream is still open.
 */
public final class SseReader {

    /** One event as it came over the wire; {@code id} is the SSE id (mailflow: the event's seq). */
    public record Event(String id, String name, String data) {}

    private final List<Event> events = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private final CompletableFuture<Void> ended;

    private SseReader(HttpClient http, HttpRequest request) {
        this.ended = CompletableFuture.runAsync(
                () -> read(http, request), r -> Thread.ofVirtual().start(r));
    }

    /** Opens {@code path} on {@code port} signed in as {@link TestUser}. */
    public static SseReader open(int port, String path) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", TestUser.AUTHORIZATION)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(2))
                .build();
        return new SseReader(HttpClient.newHttpClient(), request);
    }

    private void read(HttpClient http, HttpRequest request) {
        try (var lines = http.send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
            String id = null;
            String name = null;
            var data = new StringBuilder();
            for (var iterator = lines.iterator(); iterator.hasNext(); ) {
                var line = iterator.next();
                if (line.isEmpty()) {
                    if (name != null || !data.isEmpty()) {
                        add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    private synchronized void add(Event event) {
        events.add(event);
        arrivals.add(System.nanoTime());
        notifyAll();
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** When each event arrived ({@link System#nanoTime()}), in the order of {@link #events()}. */
    public synchronized List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Waits until at least {@code count} events arrived (or the stream ended). */
    public synchronized List<Event> awaitAtLeast(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < count && !ended.isDone()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        return List.copyOf(events);
    }

    /** Waits for the server to end the stream and returns every event. */
    public List<Event> awaitEnd(Duration timeout) throws Exception {
        ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return events();
    }
}
