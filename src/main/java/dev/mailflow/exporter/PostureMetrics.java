package dev.mailflow.exporter;

import dev.mailflow.posture.PostureFacts.DmarcPolicy;
import dev.mailflow.posture.PostureFacts.ListingState;
import dev.mailflow.posture.PostureFacts.StsMode;
import dev.mailflow.posture.PostureReport;
import dev.mailflow.posture.SpfResult;
import org.springframework.stereotype.Component;

/**
 * The target's mail security posture, read from the run's posture checks. Every family is declared
 * on every scrape; a check that did not produce a fact (no MTA-STS policy, no DMARC record, DNSSEC
 * not judged) has no series, so "absent" never reads as "false".
 */
@Component
class PostureMetrics implements ScrapeMetrics {

    @Override
    public void write(Scrape scrape, ScrapeRegistry registry) {
        registry.gauge("probe_mta_sts_mode_info", "The MTA-STS policy's mode (1 for the mode in force)")
                .gauge("probe_dane_valid", "Whether a DNSSEC-secure TLSA record of the MX host matched its certificate")
                .gauge("probe_dnssec_secure", "Whether the MX answer validated with DNSSEC")
                .gauge("probe_dnsbl_listed", "Whether the address is listed on the blocklist zone")
                .gauge("probe_spf_result_info", "The SPF result for our sending address (1 for the result)")
                .gauge("probe_dmarc_policy_info", "The DMARC policy of the sender domain (1 for the policy)");
        scrape.run().posture().ifPresent(posture -> write(posture, registry));
    }

    private static void write(PostureReport posture, ScrapeRegistry registry) {
        posture.mtaStsMode().ifPresent(mode -> {
            for (var each : StsMode.values()) {
                registry.add("probe_mta_sts_mode_info", each == mode ? 1 : 0, "mode", each.name());
            }
        });
        posture.daneValid().forEach((mx, valid) -> registry.add("probe_dane_valid", valid ? 1 : 0, "mx", mx));
        posture.dnssecSecure().ifPresent(secure -> registry.add("probe_dnssec_secure", secure ? 1 : 0));
        for (var listing : posture.listings()) {
            // A list that refused to answer or could not be asked is unknown, never "not listed".
            if (listing.state() == ListingState.LISTED || listing.state() == ListingState.NOT_LISTED) {
                registry.add(
                        "probe_dnsbl_listed",
                        listing.state() == ListingState.LISTED ? 1 : 0,
                        "mx",
                        listing.mx(),
                        "address",
                        listing.address(),
                        "zone",
                        listing.zone());
            }
        }
        posture.spfResult().ifPresent(result -> {
            for (var each : SpfResult.values()) {
                registry.add("probe_spf_result_info", each == result ? 1 : 0, "result", each.name());
            }
        });
        posture.dmarcPolicy().ifPresent(policy -> {
            for (var each : DmarcPolicy.values()) {
                registry.add("probe_dmarc_policy_info", each == policy ? 1 : 0, "policy", each.name());
            }
        });
    }
}
