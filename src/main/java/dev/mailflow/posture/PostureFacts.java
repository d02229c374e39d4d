package dev.mailflow.posture;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * The typed values behind a posture check's status, one shape per check. Stored with the run (the
 * {@code history} package); in JSON the {@code type} property names the shape.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PostureFacts.MtaSts.class, name = "mta-sts"),
    @JsonSubTypes.Type(value = PostureFacts.TlsRpt.class, name = "tls-rpt"),
    @JsonSubTypes.Type(value = PostureFacts.Dnssec.class, name = "dnssec"),
    @JsonSubTypes.Type(value = PostureFacts.Dane.class, name = "dane"),
    @JsonSubTypes.Type(value = PostureFacts.Blocklists.class, name = "blocklists"),
    @JsonSubTypes.Type(value = PostureFacts.Spf.class, name = "spf"),
    @JsonSubTypes.Type(value = PostureFacts.Dmarc.class, name = "dmarc"),
    @JsonSubTypes.Type(value = PostureFacts.Egress.class, name = "egress"),
    @JsonSubTypes.Type(value = PostureFacts.Port25.class, name = "port-25")
})
public sealed interface PostureFacts {

    enum StsMode {
        ENFORCE,
        TESTING,
        NONE
    }

    /** @param mode null when no policy could be read */
    record MtaSts(String id, StsMode mode, List<String> mx, Long maxAge) implements PostureFacts {
        public MtaSts {
            mx = List.copyOf(mx);
        }
    }

    record TlsRpt(List<String> rua) implements PostureFacts {
        public TlsRpt {
            rua = List.copyOf(rua);
        }
    }

    enum DnssecStatus {
        SECURE,
        INSECURE,
        BOGUS,
        /** The lookup itself failed. */
        UNKNOWN
    }

    record Dnssec(DnssecStatus status) implements PostureFacts {}

    enum DaneState {
        /** A secure TLSA record matched the chain a session saw. */
        VALID,
        /** Secure TLSA records, none matching the chain a session saw. */
        MISMATCH,
        /** The TLSA answer failed DNSSEC validation. */
        BOGUS,
        /** No TLSA records, or an unsigned answer: no DANE. */
        NONE,
        /** TLSA records but no session saw a certificate to compare, or the lookup failed. */
        UNTESTED
    }

    /** The DANE state of each MX host. */
    record Dane(Map<String, DaneState> hosts) implements PostureFacts {
        public Dane {
            hosts = Map.copyOf(hosts);
        }
    }

    enum ListingState {
        LISTED,
        NOT_LISTED,
        /** The list answered 127.255.255.x: it refuses this resolver (RFC 5782, Spamhaus codes). */
        REFUSED,
        UNKNOWN
    }

    /** @param mx the MX host, null for one of our addresses */
    record Listing(String mx, String address, String zone, ListingState state, String reason) {}

    record Blocklists(List<Listing> listings) implements PostureFacts {
        public Blocklists {
            listings = List.copyOf(listings);
        }
    }

    record Spf(List<SpfVerdict> verdicts) implements PostureFacts {
        public Spf {
            verdicts = List.copyOf(verdicts);
        }
    }

    enum DmarcPolicy {
        NONE,
        QUARANTINE,
        REJECT
    }

    /**
     * @param policy the policy that applies to the sender domain ({@code sp=} when found at the
     *     organizational domain), null when none is published
     * @param at the name the record was found at
     */
    record Dmarc(String at, DmarcPolicy policy, int pct, boolean strictSpf, boolean strictDkim, List<String> rua)
            implements PostureFacts {
        public Dmarc {
            rua = List.copyOf(rua);
        }
    }

    /**
     * @param ptr the reverse name, null when none
     * @param forwardConfirmed whether the reverse name resolves back to the address
     * @param ehloResolves whether the EHLO name resolves to the address
     */
    record Egress(String address, String ptr, boolean forwardConfirmed, boolean ehloResolves, boolean configured)
            implements PostureFacts {}

    /** @param reachable the reference targets that answered on their port, by name */
    record Port25(boolean everyConnectTimedOut, List<String> tried, List<String> reachable) implements PostureFacts {
        public Port25 {
            tried = List.copyOf(tried);
            reachable = List.copyOf(reachable);
        }
    }
}
