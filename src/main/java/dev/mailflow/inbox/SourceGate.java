package dev.mailflow.inbox;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Who may keep a connection, and for how long. Per source address: connections at once and
 * connections per sliding window (a 421 greeting beyond either); per connection: one deadline for
 * the whole dialogue, so a client trickling a byte at a time (slowloris) or sending endless garbage
 * is cut off however busy it keeps the socket, and a count of refused recipients (a 10,000-RCPT
 * scan ends after a few).
 */
final class SourceGate implements SessionHandler {

    /** One accepted connection: its refusals so far and its deadline. */
    static final class Visit {
        final InetAddress source;
        final AtomicInteger refusals = new AtomicInteger();
        ScheduledFuture<?> deadline;

        Visit(InetAddress source) {
            this.source = source;
        }
    }

    private final InboxProperties.Limits limits;
    private final InboxEvents events;
    private final Clock clock;
    private final Map<Session, Visit> visits = new ConcurrentHashMap<>();
    private final Map<InetAddress, Deque<Instant>> recent = new HashMap<>();
    private final Map<InetAddress, Integer> open = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("inbox-deadlines").factory());

    SourceGate(InboxProperties.Limits limits, InboxEvents events, Clock clock) {
        this.limits = limits;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress source = session.getRealRemoteAddress().getAddress();
        if (!admitted(source)) {
            events.refused(Result.RATE_LIMITED, source, null);
            return SessionAcceptance.failure(Result.RATE_LIMITED.code, Result.RATE_LIMITED.text);
        }
        var visit = new Visit(source);
        visit.deadline =
                timer.schedule(() -> close(session), limits.sessionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        visits.put(session, visit);
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        var visit = visits.remove(session);
        if (visit != null) {
            visit.deadline.cancel(false);
            left(visit.source);
        }
    }

    synchronized void left(InetAddress source) {
        open.computeIfPresent(source, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** The visit of a session the gate accepted. */
    Visit visit(Session session) {
        return visits.get(session);
    }

    /** Whether {@code source} may open one more connection now; if so, it is counted. */
    synchronized boolean admitted(InetAddress source) {
        Instant now = clock.instant();
        Instant since = now.minus(limits.window());
        // Forget sources whose window passed, so the map holds only recent clients.
        recent.values().removeIf(times -> {
            while (!times.isEmpty() && times.peekFirst().isBefore(since)) {
                times.pollFirst();
            }
            return times.isEmpty();
        });
        var times = recent.computeIfAbsent(source, a -> new ArrayDeque<>());
        if (times.size() >= limits.sessionsPerSource()
                || open.getOrDefault(source, 0) >= limits.connectionsPerSource()) {
            if (times.isEmpty()) {
                recent.remove(source);
            }
            return false;
        }
        times.addLast(now);
        open.merge(source, 1, Integer::sum);
        return true;
    }

    private static void close(Session session) {
        try {
            // Closing the socket ends the session's blocking read; subethasmtp then ends the session.
            session.closeSocket();
        } catch (IOException alreadyGone) {
            // Nothing left to close.
        }
    }

    void stop() {
        timer.shutdownNow();
    }
}
