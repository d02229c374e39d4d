package dev.mailflow.testing.dns;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * Authoritative answers from a set of zones, the way a plain authoritative server gives them: the
 * answer, NOERROR with no data (SOA in the authority section, RFC 2308 §2.2), NXDOMAIN (RFC 2308
 * §2.1), a CNAME chain followed while it stays inside the served zones (RFC 1034 §4.3.2), and
 * REFUSED for names outside every zone.
 */
final class ZoneAnswers {

    private static final int MAX_CHAIN = 8;

    private final List<Zone> zones;

    ZoneAnswers(List<Zone> zones) {
        // Longest origin first, so a child zone wins over its parent.
        this.zones = zones.stream()
                .sorted(Comparator.comparingInt((Zone z) -> z.getOrigin().labels())
                        .reversed())
                .toList();
    }

    /** Parses master-file text relative to {@code origin}, adding a SOA and NS when it has none. */
    static Zone zone(String origin, String records) {
        try {
            Name name = Name.fromString(origin, Name.root);
            String text = "$ORIGIN " + name + "\n$TTL 60\n"
                    + (hasSoa(records) ? "" : "@ SOA ns hostmaster 1 3600 600 86400 60\n@ NS ns\n")
                    + records;
            List<Record> parsed = new ArrayList<>();
            try (Master master = new Master(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
                for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                    parsed.add(r);
                }
            }
            return new Zone(name, parsed.toArray(Record[]::new));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad zone " + origin + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the text has a SOA record of its own: a whole word, since a random base64 value (a
     * DKIM key in a TXT record) may hold the letters "SOA".
     */
    private static boolean hasSoa(String records) {
        return records.lines()
                .anyMatch(line -> List.of(line.strip().split("\\s+")).contains("SOA"));
    }

    /** A response to {@code query} with the given rcode and no records. */
    static Message empty(Message query, int rcode) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.getHeader().setRcode(rcode);
        if (query.getQuestion() != null) {
            response.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return response;
    }

    /** Answers {@code query} from the zones, replacing the owner's A records with {@code override}. */
    Message answer(Message query, Optional<List<Record>> override) {
        Record question = query.getQuestion();
        if (override.isPresent()) {
            Message response = empty(query, Rcode.NOERROR);
            response.getHeader().setFlag(Flags.AA);
            override.get().forEach(r -> response.addRecord(r, Section.ANSWER));
            return response;
        }
        Name name = question.getName();
        int type = question.getType();
        Optional<Zone> zone = zoneFor(name);
        if (zone.isEmpty()) {
            return empty(query, Rcode.REFUSED);
        }
        Message response = empty(query, Rcode.NOERROR);
        response.getHeader().setFlag(Flags.AA);
        // RFC 3225 §3: signatures only for a query with the DO bit, which the answer echoes.
        boolean dnssecOk = query.getOPT() != null && (query.getOPT().getFlags() & ExtendedFlags.DO) != 0;
        if (dnssecOk) {
            response.addRecord(new OPTRecord(4096, 0, 0, ExtendedFlags.DO), Section.ADDITIONAL);
        }
        List<Name> seen = new ArrayList<>();
        while (zone.isPresent() && seen.size() < MAX_CHAIN) {
            seen.add(name);
            SetResponse found = zone.get().findRecords(name, type);
            if (found.isCNAME() && type != Type.CNAME) {
                CNAMERecord cname = found.getCNAME();
                response.addRecord(cname, Section.ANSWER);
                name = cname.getTarget();
                if (seen.contains(name)) {
                    break;
                }
                zone = zoneFor(name);
                continue;
            }
            if (found.isSuccessful()) {
                for (RRset set : found.answers()) {
                    set.rrs(false).forEach(r -> response.addRecord(r, Section.ANSWER));
                    if (dnssecOk) {
                        set.sigs().forEach(r -> response.addRecord(r, Section.ANSWER));
                    }
                }
            } else if (found.isNXDOMAIN() || found.isNXRRSET()) {
                // RFC 6604 §3: the rcode describes the last name of the chain.
                response.getHeader().setRcode(found.isNXDOMAIN() ? Rcode.NXDOMAIN : Rcode.NOERROR);
                response.addRecord(zone.get().getSOA(), Section.AUTHORITY);
                if (dnssecOk) {
                    Denials.add(zone.get(), name, found.isNXDOMAIN(), response);
                }
            }
            break;
        }
        return response;
    }

    private Optional<Zone> zoneFor(Name name) {
        return zones.stream().filter(z -> name.subdomain(z.getOrigin())).findFirst();
    }
}
