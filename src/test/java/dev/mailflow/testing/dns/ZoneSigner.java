package dev.mailflow.testing.dns;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * Signs a zone the way an authoritative operator would (RFC 4035 §2): one key (ECDSA P-256,
 * algorithm 13) as DNSKEY with the SEP flag, and an RRSIG over every RRset. A test takes the key
 * as its trust anchor. Signatures can be made already expired, which a validator must call bogus.
 */
final class ZoneSigner {

    private ZoneSigner() {}

    /**
     * The NSEC chain (RFC 4034 §4): each owner name, in canonical order, points at the next and
     * lists its types, so a validator can check "no such record" and "no such name" answers.
     */
    private static List<RRset> denials(Name origin, List<RRset> sets) {
        var types = new TreeMap<Name, TreeSet<Integer>>();
        for (RRset set : sets) {
            types.computeIfAbsent(set.getName(), n -> new TreeSet<>()).add(set.getType());
        }
        var names = new ArrayList<>(types.keySet());
        var chain = new ArrayList<RRset>();
        for (int i = 0; i < names.size(); i++) {
            Name owner = names.get(i);
            Name next = names.get((i + 1) % names.size());
            var present = new TreeSet<>(types.get(owner));
            present.add(Type.RRSIG);
            present.add(Type.NSEC);
            int[] bitmap = present.stream().mapToInt(Integer::intValue).toArray();
            chain.add(new RRset(new NSECRecord(owner, DClass.IN, 60, next, bitmap)));
        }
        return chain;
    }

    record Signed(Zone zone, DNSKEYRecord key) {}

    static Signed sign(Zone unsigned, boolean expired) {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            var origin = unsigned.getOrigin();
            var key = new DNSKEYRecord(
                    origin,
                    DClass.IN,
                    60,
                    DNSKEYRecord.Flags.ZONE_KEY | DNSKEYRecord.Flags.SEP_KEY,
                    DNSKEYRecord.Protocol.DNSSEC,
                    DNSSEC.Algorithm.ECDSAP256SHA256,
                    pair.getPublic());
            Instant now = Instant.now();
            Instant inception = expired ? now.minus(Duration.ofDays(30)) : now.minus(Duration.ofHours(1));
            Instant expiration = expired ? now.minus(Duration.ofDays(1)) : now.plus(Duration.ofDays(7));
            List<Record> records = new ArrayList<>();
            records.add(key);
            List<RRset> sets = new ArrayList<>();
            for (Iterator<RRset> it = unsigned.iterator(); it.hasNext(); ) {
                sets.add(it.next());
            }
            sets.add(new RRset(key));
            sets.addAll(denials(origin, sets));
            for (RRset set : sets) {
                if (set.getType() != key.getType()) {
                    records.addAll(set.rrs(false));
                }
                records.add(DNSSEC.sign(set, key, pair.getPrivate(), inception, expiration));
            }
            return new Signed(new Zone(origin, records.toArray(Record[]::new)), key);
        } catch (GeneralSecurityException | java.io.IOException | DNSSEC.DNSSECException e) {
            throw new IllegalStateException("cannot sign the test zone " + unsigned.getOrigin(), e);
        }
    }
}
