package dev.mailflow.testing.dns;

import dev.mailflow.dns.DnsProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * A real authoritative DNS server inside the test JVM: UDP and TCP on the same random port of
 * 127.0.0.1, serving zones written as master-file text, on virtual threads.
 *
 * <pre>{@code
 * try (var dns = TestDnsServer.builder()
 *         .zone("example.test", """
 *             @    MX 10 mx1
 *             mx1  A  192.0.2.10
 *             """)
 *         .start()) {
 *     var resolver = new MxResolver(dns.resolver(Duration.ofSeconds(2)));
 *     ...
 * }
 * }</pre>
 *
 * <p>Switches, changeable while running: {@link #drop} (never answer: the client times out),
 * {@link #fail} (answer SERVFAIL, REFUSED or any rcode), {@link #truncateUdp} (every UDP answer has
 * the TC bit and no records, so clients must retry over TCP), and {@link #rebind} (a name whose A
 * answer changes between queries, as in a DNS rebinding attack). {@link #queries()} records every
 * question with its transport.
 */
public final class TestDnsServer implements AutoCloseable {

    /** One question the server received. */
    public record Query(String name, String type, Transport transport) {}

    public enum Transport {
        UDP,
        TCP
    }

    private record Rebinding(List<InetAddress> answers, AtomicInteger asked) {}

    private final ZoneAnswers zones;
    private final DnsSockets sockets;
    private final Set<Name> dropped = ConcurrentHashMap.newKeySet();
    private final Map<Name, Integer> failures = new ConcurrentHashMap<>();
    private final Map<Name, Rebinding> rebindings = new ConcurrentHashMap<>();
    private final List<Query> queries = new CopyOnWriteArrayList<>();
    private volatile boolean truncateUdp;

    private final Map<Name, DNSKEYRecord> keys;

    private TestDnsServer(List<Zone> zones, Map<Name, DNSKEYRecord> keys) throws IOException {
        this.zones = new ZoneAnswers(zones);
        this.keys = Map.copyOf(keys);
        this.sockets = new DnsSockets(this::handle);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects zones; each is master-file text relative to its origin. */
    public static final class Builder {
        private final List<Zone> zones = new ArrayList<>();
        private final Map<Name, DNSKEYRecord> keys = new ConcurrentHashMap<>();

        private Builder() {}

        /**
         * Adds a DNSSEC-signed zone: a fresh key signs every RRset, and answers to queries with the
         * DO bit carry the signatures. {@link #trustAnchor} gives the key to validate against.
         */
        public Builder signedZone(String origin, String records) {
            return signed(origin, records, false);
        }

        /** Adds a signed zone whose signatures expired yesterday: a validator finds it bogus. */
        public Builder expiredZone(String origin, String records) {
            return signed(origin, records, true);
        }

        private Builder signed(String origin, String records, boolean expired) {
            var signed = ZoneSigner.sign(ZoneAnswers.zone(origin, records), expired);
            zones.add(signed.zone());
            keys.put(signed.zone().getOrigin(), signed.key());
            return this;
        }

        /**
         * Adds a zone. {@code $ORIGIN} and {@code $TTL} are set for you, and a SOA and NS record are
         * added when the text has no SOA, so the text can be just the records a test is about.
         */
        public Builder zone(String origin, String records) {
            zones.add(ZoneAnswers.zone(origin, records));
            return this;
        }

        public TestDnsServer start() {
            try {
                return new TestDnsServer(zones, keys);
            } catch (IOException e) {
                throw new IllegalStateException("could not start the test DNS server", e);
            }
        }
    }

    public InetSocketAddress address() {
        return sockets.address();
    }

    /** A resolver that asks only this server, with the given timeout. */
    public SimpleResolver resolver(Duration timeout) {
        SimpleResolver resolver = new SimpleResolver(address());
        resolver.setTimeout(timeout);
        return resolver;
    }

    /**
     * This server as a {@code mailflow.dns.servers} entry, for a Spring test: {@code
     * registry.add("mailflow.dns.servers", dns::server)} in a {@code @DynamicPropertySource}.
     */
    public String server() {
        return "127.0.0.1:" + address().getPort();
    }

    /** Properties for {@code mailflow.dns} pointing at this server. */
    public DnsProperties properties(Duration timeout) {
        return new DnsProperties(List.of(server()), timeout);
    }

    /** The key of a signed zone as master-file text, to load as a DNSSEC trust anchor. */
    public String trustAnchor(String origin) {
        DNSKEYRecord key = keys.get(name(origin));
        if (key == null) {
            throw new IllegalArgumentException(origin + " is not a signed zone of this server");
        }
        return key.toString() + "\n";
    }

    /** Never answers questions about {@code name} (any type), over UDP or TCP. */
    public TestDnsServer drop(String name) {
        dropped.add(name(name));
        return this;
    }

    /** Answers every question about {@code name} with {@code rcode}, e.g. {@code Rcode.SERVFAIL}. */
    public TestDnsServer fail(String name, int rcode) {
        failures.put(name(name), rcode);
        return this;
    }

    /** While on, UDP answers carry only the TC bit and the question (RFC 1035 §4.2.1). */
    public TestDnsServer truncateUdp(boolean on) {
        truncateUdp = on;
        return this;
    }

    /** The first A query for {@code name} gets {@code first}, every later one gets {@code then}. */
    public TestDnsServer rebind(String name, String first, String then) {
        try {
            List<InetAddress> answers = List.of(ipv4(first), ipv4(then));
            rebindings.put(name(name), new Rebinding(answers, new AtomicInteger()));
            return this;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("rebind needs IPv4 literals", e);
        }
    }

    /** Every question received so far, in arrival order. */
    public List<Query> queries() {
        return List.copyOf(queries);
    }

    @Override
    public void close() {
        sockets.close();
    }

    private static InetAddress ipv4(String literal) throws UnknownHostException {
        byte[] bytes = Address.toByteArray(literal, Address.IPv4);
        if (bytes == null) {
            throw new UnknownHostException(literal + " is not an IPv4 literal");
        }
        return InetAddress.getByAddress(bytes);
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Optional<byte[]> handle(byte[] wire, Transport transport) {
        return respond(wire, transport)
                .map(response -> transport == Transport.UDP ? udpWire(response) : response.toWire());
    }

    /** The response to one query, or empty to stay silent. */
    private Optional<Message> respond(byte[] wire, Transport transport) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException garbage) {
            return Optional.empty();
        }
        Record question = query.getQuestion();
        if (question == null) {
            return Optional.of(ZoneAnswers.empty(query, Rcode.FORMERR));
        }
        Name name = question.getName();
        queries.add(new Query(name.toString(true), Type.string(question.getType()), transport));
        if (dropped.contains(name)) {
            return Optional.empty();
        }
        Integer rcode = failures.get(name);
        if (rcode != null) {
            return Optional.of(ZoneAnswers.empty(query, rcode));
        }
        Rebinding rebinding = rebindings.get(name);
        Optional<List<Record>> override = Optional.empty();
        if (rebinding != null && question.getType() == Type.A) {
            int asked = rebinding.asked().getAndIncrement();
            InetAddress address = rebinding.answers().get(Math.min(asked, 1));
            // TTL 0: a rebinding attacker makes sure nobody caches the first, harmless answer.
            override = Optional.of(List.of(new ARecord(name, DClass.IN, 0, address)));
        }
        return Optional.of(zones.answer(query, override));
    }

    private byte[] udpWire(Message response) {
        if (truncateUdp) {
            Message truncated = ZoneAnswers.empty(response, response.getRcode());
            truncated.getHeader().setFlag(Flags.AA);
            truncated.getHeader().setFlag(Flags.TC);
            return truncated.toWire();
        }
        // RFC 1035 §4.2.1: a UDP answer is at most 512 bytes; this server ignores EDNS (RFC 6891
        // allows that), and toWire sets the TC bit when it has to cut, so big answers go over TCP.
        return response.toWire(512);
    }
}
