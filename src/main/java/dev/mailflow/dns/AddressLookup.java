package dev.mailflow.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/** Finds one host's addresses: A then AAAA (asked together), and what is wrong with the host. */
final class AddressLookup {

    /** The host as a plan shows it, with the two answers it was built from. */
    record Resolved(MxHost host, Answer a, Answer aaaa) {

        boolean exists() {
            return a.status() != Answer.Status.NXDOMAIN || aaaa.status() != Answer.Status.NXDOMAIN;
        }

        /** The first lookup that went wrong, if any. */
        Optional<Answer> failure() {
            return Stream.of(a, aaaa).filter(Answer::failed).findFirst();
        }
    }

    private final RecordLookup lookup;

    AddressLookup(RecordLookup lookup) {
        this.lookup = lookup;
    }

    CompletableFuture<Resolved> resolve(int preference, Name name) {
        long start = System.nanoTime();
        CompletableFuture<Answer> a = lookup.ask(name, Type.A);
        CompletableFuture<Answer> aaaa = lookup.ask(name, Type.AAAA);
        return a.thenCombine(aaaa, (v4, v6) -> new Answer[] {v4, v6}).thenCompose(answers -> {
            String host = name.toString(true);
            List<InetAddress> addresses = new ArrayList<>();
            addresses.addAll(addresses(host, answers[0]));
            addresses.addAll(addresses(host, answers[1]));
            Set<MxFlaw> flaws = EnumSet.noneOf(MxFlaw.class);
            if (HostLiteral.parse(host).isPresent() || HostLiteral.looksNumeric(host)) {
                flaws.add(MxFlaw.IP_LITERAL);
            }
            boolean failed = answers[0].failed() || answers[1].failed();
            if (failed) {
                flaws.add(MxFlaw.LOOKUP_FAILED);
            } else if (addresses.isEmpty()) {
                flaws.add(MxFlaw.DANGLING);
            }
            CompletableFuture<Boolean> alias =
                    !answers[0].aliases().isEmpty() || !answers[1].aliases().isEmpty()
                            ? CompletableFuture.completedFuture(true)
                            : aliasWithoutAddresses(name, addresses);
            return alias.thenApply(isAlias -> {
                if (isAlias) {
                    flaws.add(MxFlaw.CNAME);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                return new Resolved(new MxHost(preference, host, addresses, took, flaws), answers[0], answers[1]);
            });
        });
    }

    /**
     * A CNAME whose chain ends nowhere leaves no aliases in a failed lookup, so a host without
     * addresses gets a direct CNAME question; with addresses, the chain would have shown already.
     */
    private CompletableFuture<Boolean> aliasWithoutAddresses(Name name, List<InetAddress> addresses) {
        if (!addresses.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return lookup.ask(name, Type.CNAME).thenApply(answer -> answer.status() == Answer.Status.FOUND);
    }

    /** Addresses built from the records' bytes: never a system lookup (no /etc/hosts, no NSS). */
    private static List<InetAddress> addresses(String host, Answer answer) {
        List<InetAddress> addresses = new ArrayList<>();
        for (Record record : answer.records()) {
            byte[] bytes = switch (record) {
                case ARecord a -> a.getAddress().getAddress();
                case AAAARecord aaaa -> aaaa.getAddress().getAddress();
                default -> null;
            };
            if (bytes != null) {
                try {
                    addresses.add(InetAddress.getByAddress(host, bytes));
                } catch (UnknownHostException impossible) {
                    // only thrown for a wrong byte count, which A and AAAA records cannot have
                }
            }
        }
        return addresses;
    }
}
