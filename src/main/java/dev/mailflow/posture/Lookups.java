package dev.mailflow.posture;

import dev.mailflow.dns.Answer;
import dev.mailflow.dns.RecordLookup;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** The plain (non-validating) DNS questions the posture checks ask, over the run's resolver. */
final class Lookups {

    private final RecordLookup lookup;

    Lookups(RecordLookup lookup) {
        this.lookup = lookup;
    }

    Answer answer(Name name, int type) {
        return lookup.answer(name, type);
    }

    /** The TXT records at {@code name}, each record's strings joined (RFC 7208 §3.3). */
    Texts txt(Name name) {
        Answer answer = lookup.answer(name, Type.TXT);
        List<String> texts = answer.records().stream()
                .filter(TXTRecord.class::isInstance)
                .map(r -> String.join("", ((TXTRecord) r).getStrings()))
                .toList();
        return new Texts(answer, texts);
    }

    record Texts(Answer answer, List<String> texts) {}

    /** A then AAAA; the answers' statuses tell failures apart from "no address". */
    Addresses addresses(Name name) {
        Answer v4 = lookup.answer(name, Type.A);
        Answer v6 = lookup.answer(name, Type.AAAA);
        List<InetAddress> all = new ArrayList<>();
        v4.records().stream().filter(ARecord.class::isInstance).forEach(r -> all.add(((ARecord) r).getAddress()));
        v6.records().stream().filter(AAAARecord.class::isInstance).forEach(r -> all.add(((AAAARecord) r).getAddress()));
        return new Addresses(all, v4.failed() || v6.failed(), v4.status() == Answer.Status.NXDOMAIN);
    }

    record Addresses(List<InetAddress> list, boolean failed, boolean nxdomain) {
        Addresses {
            list = List.copyOf(list);
        }
    }

    static Name name(String text) throws TextParseException {
        return Name.fromString(text.endsWith(".") ? text : text + ".");
    }

    static String shown(Name name) {
        return name.toString(true);
    }
}
