package dev.mailflow.dns;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * What one DNS question got, as a value: the records (after any CNAME chain, whose names are the
 * aliases), or why there are none.
 *
 * @param detail a short sentence for anything but FOUND and NO_DATA
 */
public record Answer(Status status, List<Record> records, List<Name> aliases, String detail) {

    public enum Status {
        FOUND,
        /** The name exists but has no record of this type (RFC 2308 §2.2 "NODATA"). */
        NO_DATA,
        NXDOMAIN,
        TIMEOUT,
        SERVFAIL,
        REFUSED,
        ERROR;

        DnsOutcome outcome() {
            return switch (this) {
                case FOUND -> DnsOutcome.OK;
                case NO_DATA -> DnsOutcome.NO_MAIL_HOSTS;
                case NXDOMAIN -> DnsOutcome.NXDOMAIN;
                case TIMEOUT -> DnsOutcome.TIMEOUT;
                case SERVFAIL -> DnsOutcome.SERVFAIL;
                case REFUSED -> DnsOutcome.REFUSED;
                case ERROR -> DnsOutcome.ERROR;
            };
        }
    }

    public Answer {
        records = List.copyOf(records);
        aliases = List.copyOf(aliases);
    }

    static Answer found(List<Record> records, List<Name> aliases) {
        return records.isEmpty()
                ? new Answer(Status.NO_DATA, records, aliases, null)
                : new Answer(Status.FOUND, records, aliases, null);
    }

    static Answer failed(Status status, String detail) {
        return new Answer(status, List.of(), List.of(), detail);
    }

    /** True when the lookup itself went wrong, so the name may still have records. */
    public boolean failed() {
        return status != Status.FOUND && status != Status.NO_DATA && status != Status.NXDOMAIN;
    }
}
