package dev.mailflow.posture;

import dev.mailflow.dns.DnsProperties;
import dev.mailflow.dns.MxHost;
import dev.mailflow.dns.RecordLookup;
import dev.mailflow.egress.TargetPolicy;
import dev.mailflow.posture.PostureCheck.Kind;
import dev.mailflow.text.AddressText;
import java.net.InetAddress;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.xbill.DNS.Resolver;

/**
 * The posture checks of one run, started beside its sessions. {@link #start} begins every lookup
 * at once on virtual threads and publishes the checks that need no session as they finish; {@link
 * Started#finish} then judges what needs the sessions (MTA-STS and DANE against the certificates
 * seen, the port 25 question) and returns the whole report.
 */
public final class PostureChecks {

    /** The HTTPS port of an MTA-STS policy host (RFC 8461 §3.3). */
    static final int HTTPS = 443;

    private final PostureProperties properties;
    private final Lookups dns;
    private final SecureLookup secure;
    private final TargetPolicy egress;
    private final MtaStsCheck mtaSts;
    private final BlocklistCheck blocklists;

    /**
     * @param resolvers makes a resolver over the configured servers; the validating lookups get
     *     their own, because the validator switches its upstream to DNSSEC-OK queries
     */
    PostureChecks(
            PostureProperties properties,
            Supplier<Resolver> resolvers,
            TargetPolicy egress,
            SSLSocketFactory tls,
            int httpsPort) {
        this.properties = properties;
        // Answers are kept for their TTL (bounded), so scrape after scrape of one target asks once.
        this.dns = new Lookups(new RecordLookup(resolvers.get(), properties.cacheTtlMax()));
        this.secure = new SecureLookup(resolvers.get(), properties.trustAnchors(), properties.cacheTtlMax());
        this.egress = egress;
        this.mtaSts = new MtaStsCheck(
                dns,
                new PolicyFetcher(egress, dns, tls, httpsPort, properties.policyTimeout(), properties.policyMaxBytes()),
                new TtlCache<>(properties.cacheTtlMax()));
        this.blocklists = new BlocklistCheck(dns, properties.dnsblZones());
    }

    /** Checks over the configured resolvers, fetching policies with the JVM's trusted CAs. */
    public static PostureChecks from(PostureProperties properties, DnsProperties dns, TargetPolicy egress) {
        try {
            return new PostureChecks(
                    properties, dns::resolver, egress, SSLContext.getDefault().getSocketFactory(), HTTPS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    /** The configured addresses of the organisation's mail servers as IP literals; empty when none. */
    public List<String> ourServers() {
        return properties.ourAddressList().stream().map(AddressText::of).toList();
    }

    public boolean enabled() {
        return properties.enabled();
    }

    /**
     * How the world sees one of our addresses: its reverse name and whether that resolves back, and
     * its blocklist listings (none for a private address, which the lists never see). For a vantage's
     * heartbeat, outside any run.
     */
    public List<PostureCheck> ourAddress(InetAddress address, String ehlo) {
        var checks = new ArrayList<>(new EgressCheck(dns).check(List.of(address), false, ehlo));
        if (blocklists.enabled() && !TargetPolicy.reservedRange(address)) {
            checks.add(blocklists.check(AddressText.of(address), List.of(new BlocklistCheck.Listed(null, address))));
        }
        return checks;
    }

    /** Starts the lookups; {@code publish} receives each check as it is done (from any thread). */
    public Started start(PostureSubject subject, Consumer<PostureCheck> publish) {
        return new Started(subject, publish);
    }

    /** A posture in progress. */
    public final class Started {

        private final PostureSubject subject;
        private final Consumer<PostureCheck> publish;
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        private final List<CompletableFuture<List<PostureCheck>>> done = new ArrayList<>();
        private final CompletableFuture<MtaStsCheck.Read> stsRead;
        private final CompletableFuture<DaneCheck.Read> daneRead;

        private Started(PostureSubject subject, Consumer<PostureCheck> publish) {
            this.subject = subject;
            this.publish = publish;
            String domain = subject.domain();
            List<InetAddress> ours = ourAddresses();
            boolean configured = !properties.ourAddresses().isEmpty();
            stsRead = CompletableFuture.supplyAsync(() -> mtaSts.read(domain), executor);
            daneRead = CompletableFuture.supplyAsync(
                    () -> new DaneCheck(secure).read(subject.plan().hosts()), executor);
            later(() -> List.of(new TlsRptCheck(dns).check(domain)));
            later(() -> List.of(new DnssecCheck(secure).check(domain)));
            later(() -> new SenderCheck(dns).check(subject, ours));
            later(() -> new EgressCheck(dns).check(ours, configured, subject.ehlo()));
            if (blocklists.enabled()) {
                later(() -> List.of(blocklists.check(domain, listed(ours))));
            } else {
                later(() -> List.of(new PostureCheck(
                        Kind.BLOCKLISTS,
                        domain,
                        PostureStatus.UNKNOWN,
                        "off (mailflow.posture.dnsbl-zones is empty)",
                        List.of(),
                        List.of(),
                        List.of(),
                        null)));
            }
        }

        private void later(Supplier<List<PostureCheck>> check) {
            done.add(CompletableFuture.supplyAsync(check, executor).thenApply(checks -> {
                checks.forEach(publish);
                return checks;
            }));
        }

        /**
         * Judges what needs the sessions and waits for the rest, at most {@code
         * mailflow.posture.timeout}; a check not done by then is reported as unknown.
         */
        public PostureReport finish(List<SessionSeen> sessions) {
            String domain = subject.domain();
            done.add(stsRead.thenApply(read -> once(mtaSts.judge(read, subject.plan(), sessions))));
            done.add(daneRead.thenApply(read -> once(new DaneCheck(secure).judge(domain, read, sessions))));
            done.add(CompletableFuture.supplyAsync(
                    () -> once(new Port25Check(dns, egress, properties.references(), properties.policyTimeout())
                            .check(domain, sessions)),
                    executor));
            var all = CompletableFuture.allOf(done.toArray(CompletableFuture[]::new));
            try {
                all.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception timedOutOrFailed) {
                // Whatever finished is reported; the rest is marked unknown below.
            } finally {
                executor.shutdownNow();
            }
            var checks = new ArrayList<PostureCheck>();
            var kinds = new LinkedHashSet<Kind>();
            for (var future : done) {
                if (future.isDone() && !future.isCompletedExceptionally()) {
                    future.join().forEach(c -> {
                        checks.add(c);
                        kinds.add(c.kind());
                    });
                }
            }
            for (Kind kind : Kind.values()) {
                if (!kinds.contains(kind)) {
                    var unknown = new PostureCheck(
                            kind,
                            domain,
                            PostureStatus.UNKNOWN,
                            "not finished within " + properties.timeout().toSeconds() + " s",
                            List.of(),
                            List.of(),
                            List.of(),
                            null);
                    publish.accept(unknown);
                    checks.add(unknown);
                }
            }
            return new PostureReport(checks);
        }

        private List<PostureCheck> once(PostureCheck check) {
            publish.accept(check);
            return List.of(check);
        }

        /** Configured addresses, else the address this host sends from toward each MX address. */
        private List<InetAddress> ourAddresses() {
            if (!properties.ourAddresses().isEmpty()) {
                return properties.ourAddressList();
            }
            var sources = new LinkedHashSet<InetAddress>();
            subject.plan().hosts().stream()
                    .flatMap(h -> h.addresses().stream())
                    .limit(20)
                    .forEach(a -> egress.sourceAddressToward(a).ifPresent(sources::add));
            return List.copyOf(sources);
        }

        private List<BlocklistCheck.Listed> listed(List<InetAddress> ours) {
            var subjects = new ArrayList<BlocklistCheck.Listed>();
            for (MxHost host : subject.plan().hosts()) {
                host.addresses().stream()
                        .limit(4)
                        .forEach(a -> subjects.add(new BlocklistCheck.Listed(host.name(), a)));
            }
            ours.stream()
                    // A private address of this host is not what the lists know us by.
                    .filter(a -> !properties.ourAddresses().isEmpty() || !TargetPolicy.reservedRange(a))
                    .forEach(a -> subjects.add(new BlocklistCheck.Listed(null, a)));
            return subjects.stream().limit(24).toList();
        }
    }
}
