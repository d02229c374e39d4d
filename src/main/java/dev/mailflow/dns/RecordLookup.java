package dev.mailflow.dns;

import dev.mailflow.text.AddressText;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.xbill.DNS.Cache;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupFailedException;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.ServerFailedException;

/**
 * Asks one question through a {@link LookupSession} and turns every way it can end into an {@link
 * Answer}; no exception leaves this class.
 *
 * <p>The session has no hosts file: a local {@code /etc/hosts} entry must never decide where mail
 * is sent. By default it has no cache either, since a diagnosis wants what the DNS says now; the
 * posture checks, which ask the same questions about a domain scrape after scrape, may keep answers
 * for their TTL (bounded).
 */
public final class RecordLookup {

    // The resolver enforces its own timeout; this margin only guards against a resolver that never
    // completes its future.
    private static final Duration MARGIN = Duration.ofSeconds(2);

    private final LookupSession session;
    private final Duration bound;
    private final String resolverName;

    public RecordLookup(Resolver resolver) {
        this(resolver, Duration.ZERO);
    }

    /**
     * @param cacheTtlMax answers (also NXDOMAIN and "no such record", for the TTL their SOA gives)
     *     are kept for their TTL, at most this long; zero keeps nothing
     */
    public RecordLookup(Resolver resolver, Duration cacheTtlMax) {
        var builder = LookupSession.builder().resolver(resolver);
        if (cacheTtlMax.toSeconds() > 0) {
            var cache = new Cache();
            int seconds = (int) Math.min(Integer.MAX_VALUE, cacheTtlMax.toSeconds());
            cache.setMaxCache(seconds);
            cache.setMaxNCache(seconds);
            builder.cache(cache);
        }
        this.session = builder.build();
        this.bound = resolver.getTimeout().plus(MARGIN);
        this.resolverName = describe(resolver);
    }

    /** Starts the question; the future always completes normally. */
    public CompletableFuture<Answer> ask(Name name, int type) {
        String question = Type.string(type) + " " + name.toString(true);
        return session.lookupAsync(name, type)
                .toCompletableFuture()
                .orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS)
                .handle((result, failure) -> failure == null
                        ? Answer.found(result.getRecords(), result.getAliases())
                        : map(failure, question));
    }

    /** Asks and waits. */
    public Answer answer(Name name, int type) {
        return ask(name, type).join();
    }

    public String resolverName() {
        return resolverName;
    }

    private Answer map(Throwable failure, String question) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return switch (cause) {
            case NoSuchDomainException e ->
                Answer.failed(Answer.Status.NXDOMAIN, "NXDOMAIN for " + question + " from " + resolverName);
            case NoSuchRRSetException e -> Answer.found(List.of(), List.of());
            case ServerFailedException e ->
                Answer.failed(Answer.Status.SERVFAIL, "SERVFAIL for " + question + " from " + resolverName);
            case TimeoutException e -> timeout(question);
            case InterruptedIOException e -> timeout(question);
            // LookupSession reports rcodes it has no exception for (REFUSED, NOTIMP...) only in the
            // message: "Unknown non-success error code REFUSED".
            case LookupFailedException e
            when String.valueOf(e.getMessage()).endsWith(Rcode.string(Rcode.REFUSED)) ->
                Answer.failed(Answer.Status.REFUSED, "REFUSED for " + question + " from " + resolverName);
            case IOException e
            when String.valueOf(e.getMessage()).toLowerCase().contains("timed out") -> timeout(question);
            default ->
                Answer.failed(
                        Answer.Status.ERROR,
                        "lookup of " + question + " via " + resolverName + " failed: "
                                + cause.getClass().getSimpleName()
                                + (cause.getMessage() == null ? "" : " " + DnsName.shown(cause.getMessage())));
        };
    }

    private Answer timeout(String question) {
        return Answer.failed(Answer.Status.TIMEOUT, "no answer for " + question + " from " + resolverName + " in time");
    }

    private static String describe(Resolver resolver) {
        return switch (resolver) {
            case SimpleResolver simple -> endpoint(simple);
            case ExtendedResolver extended ->
                List.of(extended.getResolvers()).stream()
                        .map(r -> r instanceof SimpleResolver s ? endpoint(s) : r.toString())
                        .collect(Collectors.joining(", "));
            default -> resolver.toString();
        };
    }

    private static String endpoint(SimpleResolver resolver) {
        var address = resolver.getAddress();
        String host = address.getAddress() == null ? address.getHostString() : AddressText.of(address.getAddress());
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
