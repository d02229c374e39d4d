package dev.mailflow.dns;

import dev.mailflow.text.AddressText;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Type;

/**
 * Builds the MX plan of a domain, or of a host the user named, with dnsjava. Every result is an
 * {@link MxPlan}; nothing here throws for DNS trouble or bad input.
 */
public final class MxResolver {

    // A hostile zone can list thousands of MX records (one TCP answer holds ~3000); a sender
    // would never try them all, and neither does a diagnosis.
    static final int MAX_HOSTS = 50;

    private static final String NUMERIC_FORM =
            "not a valid host name or IP address: decimal/octal/hex forms are not accepted";

    private final RecordLookup lookup;
    private final AddressLookup addresses;

    public MxResolver(Resolver resolver) {
        this.lookup = new RecordLookup(resolver);
        this.addresses = new AddressLookup(lookup);
    }

    /** A resolver over the configured servers, or the system's when none are configured. */
    public static MxResolver from(DnsProperties properties) {
        return new MxResolver(properties.resolver());
    }

    /**
     * The mail servers of {@code domain}: 1. validate the name and turn it into A-labels; 2. ask for
     * MX; 3. no MX: the domain's own addresses are the implicit MX (RFC 5321 §5.1); a single {@code
     * MX 0 .}: null MX (RFC 7505); 4. otherwise sort by preference, keeping answer order for ties,
     * and look up every host's A and AAAA at once.
     */
    public MxPlan plan(String domain) {
        long start = System.nanoTime();
        Name name;
        try {
            name = DnsName.parse(domain);
        } catch (DnsName.Invalid e) {
            return failed(DnsName.bounded(domain), DnsOutcome.ERROR, e.getMessage(), start);
        }
        String ascii = name.toString(true);
        if (HostLiteral.parse(ascii).isPresent() || HostLiteral.looksNumeric(ascii)) {
            return failed(ascii, DnsOutcome.ERROR, "an IP address is not a domain; give it as the host", start);
        }
        Answer mx = lookup.answer(name, Type.MX);
        return switch (mx.status()) {
            case FOUND -> exchangers(name, mx, start);
            case NO_DATA -> implicit(name, start);
            case NXDOMAIN -> failed(ascii, DnsOutcome.NXDOMAIN, ascii + " does not exist (" + mx.detail() + ")", start);
            default -> failed(ascii, mx.status().outcome(), mx.detail(), start);
        };
    }

    private MxPlan exchangers(Name domain, Answer mx, long start) {
        String ascii = domain.toString(true);
        List<MXRecord> records = mx.records().stream()
                .filter(MXRecord.class::isInstance)
                .map(MXRecord.class::cast)
                .toList();
        if (records.size() == 1 && records.getFirst().getTarget().equals(Name.root)) {
            return failed(
                    ascii, DnsOutcome.NULL_MX, ascii + " publishes a null MX (RFC 7505): it accepts no mail", start);
        }
        // List.sort is stable, so equal preferences stay in answer order.
        List<CompletableFuture<AddressLookup.Resolved>> pending = records.stream()
                .filter(r -> !r.getTarget().equals(Name.root))
                .sorted(Comparator.comparingInt(MXRecord::getPriority))
                .limit(MAX_HOSTS)
                .map(r -> addresses.resolve(r.getPriority(), r.getTarget()))
                .toList();
        List<AddressLookup.Resolved> hosts =
                pending.stream().map(CompletableFuture::join).toList();
        List<MxHost> mxHosts = hosts.stream().map(AddressLookup.Resolved::host).toList();
        if (mxHosts.stream().anyMatch(h -> !h.addresses().isEmpty())) {
            return new MxPlan(ascii, DnsOutcome.OK, mxHosts, since(start), null);
        }
        return hosts.stream()
                .flatMap(h -> h.failure().stream())
                .findFirst()
                .map(failure -> new MxPlan(ascii, failure.status().outcome(), mxHosts, since(start), failure.detail()))
                .orElseGet(() -> new MxPlan(
                        ascii,
                        DnsOutcome.NO_MAIL_HOSTS,
                        mxHosts,
                        since(start),
                        "no MX host of " + ascii + " has an address"));
    }

    private MxPlan implicit(Name domain, long start) {
        String ascii = domain.toString(true);
        AddressLookup.Resolved resolved = addresses.resolve(0, domain).join();
        MxHost host = resolved.host();
        if (!host.addresses().isEmpty()) {
            return new MxPlan(ascii, DnsOutcome.IMPLICIT_MX, List.of(host), since(start), null);
        }
        return resolved.failure()
                .map(f -> failed(ascii, f.status().outcome(), f.detail(), start))
                .orElseGet(() ->
                        failed(ascii, DnsOutcome.NO_MAIL_HOSTS, ascii + " has no MX and no A or AAAA record", start));
    }

    /**
     * Why {@code host} cannot be an explicit host, or empty when it can: it must be a canonical IP
     * literal (a dotted quad, or IPv6 with or without brackets) or a host name of letters, digits and
     * inner hyphens. The one home of that rule: requests are checked with it before a run starts.
     */
    public static Optional<String> hostProblem(String host) {
        if (host == null || host.isBlank()) {
            return Optional.of("no host given");
        }
        if (HostLiteral.parse(host).isPresent()) {
            return Optional.empty();
        }
        if (HostLiteral.looksNumeric(host)) {
            return Optional.of(NUMERIC_FORM);
        }
        try {
            DnsName.parse(host);
            return Optional.empty();
        } catch (DnsName.Invalid e) {
            var withPort = host.strip().matches("[^:\\[\\]]+:[0-9]+");
            return Optional.of("not a valid host name or IP address: " + DnsName.shown(host)
                    + (withPort ? "; give the port in the port field" : ""));
        }
    }

    /**
     * A host the user named, bypassing MX: a strict IP literal as is, or a host name's A and AAAA
     * records. Numeric forms other than the canonical ones are refused (see {@link HostLiteral}).
     */
    public MxPlan explicit(String host) {
        long start = System.nanoTime();
        if (host == null || host.isBlank()) {
            return failed("", DnsOutcome.ERROR, "no host given", start);
        }
        var problem = hostProblem(host);
        if (problem.isPresent()) {
            return failed(DnsName.bounded(host), DnsOutcome.ERROR, problem.get(), start);
        }
        var literal = HostLiteral.parse(host);
        if (literal.isPresent()) {
            InetAddress address = literal.get();
            MxHost only = new MxHost(0, AddressText.of(address), List.of(address), Duration.ZERO, Set.of());
            return new MxPlan(AddressText.of(address), DnsOutcome.EXPLICIT, List.of(only), since(start), null);
        }
        Name name;
        try {
            name = DnsName.parse(host);
        } catch (DnsName.Invalid impossible) {
            throw new IllegalStateException("checked by hostProblem", impossible);
        }
        String ascii = name.toString(true);
        AddressLookup.Resolved resolved = addresses.resolve(0, name).join();
        List<MxHost> hosts = List.of(resolved.host());
        if (!resolved.host().addresses().isEmpty()) {
            return new MxPlan(ascii, DnsOutcome.EXPLICIT, hosts, since(start), null);
        }
        if (!resolved.exists()) {
            return new MxPlan(ascii, DnsOutcome.NXDOMAIN, hosts, since(start), "host " + ascii + " does not exist");
        }
        return resolved.failure()
                .map(f -> new MxPlan(ascii, f.status().outcome(), hosts, since(start), f.detail()))
                .orElseGet(() -> new MxPlan(
                        ascii,
                        DnsOutcome.NO_MAIL_HOSTS,
                        hosts,
                        since(start),
                        "host " + ascii + " has no A or AAAA record"));
    }

    /** {@link #plan(String)}, ending by {@code endNanos} ({@link System#nanoTime()}) even while DNS is silent. */
    public MxPlan plan(String domain, long endNanos) {
        return PlanDeadline.within(() -> plan(domain), domain, "the MX of ", endNanos);
    }

    /** {@link #explicit(String)}, ending by {@code endNanos} ({@link System#nanoTime()}). */
    public MxPlan explicit(String host, long endNanos) {
        if (host != null && HostLiteral.parse(host).isPresent()) {
            // An address needs no lookup: nothing to wait for, so no thread to wait on.
            return explicit(host);
        }
        return PlanDeadline.within(() -> explicit(host), host, "the address of ", endNanos);
    }

    private static MxPlan failed(String domain, DnsOutcome outcome, String detail, long start) {
        return new MxPlan(domain, outcome, List.of(), since(start), detail);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
