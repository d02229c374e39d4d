package dev.mailflow.testing.dns;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * The signed proofs of a negative answer in a signed zone (RFC 4035 §3.1.3): the SOA's signature,
 * the NSEC of the name for "no such record", or the NSECs covering the name and the wildcard at
 * its closest encloser for "no such name".
 */
final class Denials {

    private Denials() {}

    static void add(Zone zone, Name name, boolean nxdomain, Message response) {
        List<RRset> chain = new ArrayList<>();
        RRset soa = null;
        for (Iterator<RRset> it = zone.iterator(); it.hasNext(); ) {
            RRset set = it.next();
            if (set.getType() == Type.NSEC) {
                chain.add(set);
            } else if (set.getType() == Type.SOA) {
                soa = set;
            }
        }
        if (chain.isEmpty()) {
            return;
        }
        soa.sigs().forEach(r -> response.addRecord(r, Section.AUTHORITY));
        Set<RRset> proofs = new LinkedHashSet<>();
        if (!nxdomain) {
            chain.stream().filter(s -> s.getName().equals(name)).forEach(proofs::add);
        } else {
            proofs.add(covering(chain, name));
            try {
                proofs.add(covering(chain, Name.concatenate(Name.fromString("*"), closestEncloser(chain, name))));
            } catch (TextParseException | org.xbill.DNS.NameTooLongException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        for (RRset proof : proofs) {
            proof.rrs(false).forEach(r -> response.addRecord(r, Section.AUTHORITY));
            proof.sigs().forEach(r -> response.addRecord(r, Section.AUTHORITY));
        }
    }

    /** The NSEC whose owner sorts before the name and whose next name after it (or wraps around). */
    private static RRset covering(List<RRset> chain, Name name) {
        for (RRset set : chain) {
            NSECRecord nsec = (NSECRecord) set.first();
            Name owner = nsec.getName();
            Name next = nsec.getNext();
            boolean wraps = next.compareTo(owner) <= 0;
            if ((owner.compareTo(name) < 0 && (wraps || name.compareTo(next) < 0))) {
                return set;
            }
        }
        return chain.getLast();
    }

    private static Name closestEncloser(List<RRset> chain, Name name) {
        for (int drop = 1; drop < name.labels(); drop++) {
            Name ancestor = new Name(name, drop);
            if (chain.stream().anyMatch(s -> s.getName().equals(ancestor))) {
                return ancestor;
            }
        }
        return Name.root;
    }
}
