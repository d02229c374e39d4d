package dev.mailflow.posture;

import dev.mailflow.posture.PostureFacts.DaneState;
import dev.mailflow.posture.PostureFacts.DmarcPolicy;
import dev.mailflow.posture.PostureFacts.DnssecStatus;
import dev.mailflow.posture.PostureFacts.Listing;
import dev.mailflow.posture.PostureFacts.StsMode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's posture: every check, in the run page's order, and the typed values the {@code /probe}
 * metrics read ({@code probe_mta_sts_mode_info}, {@code probe_dane_valid}, {@code
 * probe_dnssec_secure}, {@code probe_dnsbl_listed}, {@code probe_spf_result_info}, {@code
 * probe_dmarc_policy_info}).
 */
public record PostureReport(List<PostureCheck> checks) {

    public PostureReport {
        checks =
                checks.stream().sorted(Comparator.comparing(PostureCheck::kind)).toList();
    }

    /** The MTA-STS policy's mode, empty when none was read. */
    public Optional<StsMode> mtaStsMode() {
        return facts(PostureFacts.MtaSts.class)
                .map(PostureFacts.MtaSts::mode)
                .filter(m -> m != null)
                .findFirst();
    }

    /** Per MX host with DANE: whether a secure TLSA record matched what the sessions saw. */
    public Map<String, Boolean> daneValid() {
        var valid = new LinkedHashMap<String, Boolean>();
        facts(PostureFacts.Dane.class)
                .forEach(d -> d.hosts().forEach((host, state) -> {
                    switch (state) {
                        case VALID -> valid.put(host, true);
                        case MISMATCH, BOGUS -> valid.put(host, false);
                        case NONE, UNTESTED -> {}
                    }
                }));
        return valid;
    }

    /** Whether the MX answer validated; empty when validation could not run. */
    public Optional<Boolean> dnssecSecure() {
        return facts(PostureFacts.Dnssec.class)
                .map(PostureFacts.Dnssec::status)
                .filter(s -> s != DnssecStatus.UNKNOWN)
                .map(s -> s == DnssecStatus.SECURE)
                .findFirst();
    }

    /** Every blocklist answer, listed or not, for MX addresses and ours. */
    public List<Listing> listings() {
        return facts(PostureFacts.Blocklists.class)
                .flatMap(b -> b.listings().stream())
                .toList();
    }

    public List<SpfVerdict> spf() {
        return facts(PostureFacts.Spf.class).flatMap(s -> s.verdicts().stream()).toList();
    }

    /** The SPF result of the first of our addresses, empty when SPF was not evaluated. */
    public Optional<SpfResult> spfResult() {
        return spf().stream().map(SpfVerdict::result).findFirst();
    }

    /** The DMARC policy that applies to the sender domain, empty when none is published. */
    public Optional<DmarcPolicy> dmarcPolicy() {
        return facts(PostureFacts.Dmarc.class)
                .map(PostureFacts.Dmarc::policy)
                .filter(p -> p != null)
                .findFirst();
    }

    public Map<String, DaneState> dane() {
        var all = new LinkedHashMap<String, DaneState>();
        facts(PostureFacts.Dane.class).forEach(d -> all.putAll(d.hosts()));
        return all;
    }

    private <T extends PostureFacts> Stream<T> facts(Class<T> type) {
        return checks.stream().map(PostureCheck::facts).filter(type::isInstance).map(type::cast);
    }
}
