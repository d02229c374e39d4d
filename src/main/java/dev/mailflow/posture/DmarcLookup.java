package dev.mailflow.posture;

import dev.mailflow.mail.TagList;
import dev.mailflow.posture.PostureFacts.DmarcPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.TextParseException;

/**
 * The DMARC record of a domain (RFC 7489 §6.6.3): {@code _dmarc.<domain>}, else the
 * organizational domain's. Without the Public Suffix List the organizational domain is found by
 * walking up the tree (the DNS tree walk of the DMARCbis draft), stopping above the top-level
 * domain.
 */
final class DmarcLookup {

    /** DMARCbis bounds the walk; names deeper than this start from their last labels. */
    static final int MAX_WALK = 8;

    private final Lookups dns;

    DmarcLookup(Lookups dns) {
        this.dns = dns;
    }

    /** What was found, and where; empty record when none (a failed lookup says so). */
    record Found(String at, String record, boolean organizational, boolean failed, String detail) {}

    Found find(String domain) {
        List<String> labels = Arrays.asList(domain.toLowerCase(Locale.ROOT).split("\\."));
        // The domain itself, then its parents from at most MAX_WALK labels up to two labels.
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = Math.max(1, labels.size() - MAX_WALK); i <= labels.size() - 2; i++) {
            starts.add(i);
        }
        for (int i : starts) {
            String at = "_dmarc." + String.join(".", labels.subList(i, labels.size()));
            Lookups.Texts texts;
            try {
                texts = dns.txt(Lookups.name(at));
            } catch (TextParseException e) {
                return new Found(at, null, false, true, "'" + at + "' is not a name");
            }
            if (texts.answer().failed()) {
                return new Found(at, null, i > 0, true, texts.answer().detail());
            }
            List<String> records = texts.texts().stream()
                    .filter(t -> t.toLowerCase(Locale.ROOT).startsWith("v=dmarc1"))
                    .toList();
            // RFC 7489 §6.6.3: several records at one name mean none applies there.
            if (records.size() == 1) {
                return new Found(at, records.getFirst(), i > 0, false, null);
            }
        }
        return new Found(null, null, false, false, "no DMARC record for " + domain + " or its parents");
    }

    /** The tags of a record, lower-case names, values stripped. */
    static Map<String, String> tags(String record) {
        return TagList.parse(record);
    }

    /** The facts of a record; the policy that applies is sp= when found at the organizational domain. */
    static PostureFacts.Dmarc facts(Found found) {
        var tags = tags(found.record());
        Optional<DmarcPolicy> p = policy(tags.get("p"));
        Optional<DmarcPolicy> sp = policy(tags.get("sp"));
        DmarcPolicy applied = found.organizational() && sp.isPresent() ? sp.get() : p.orElse(null);
        int pct = 100;
        try {
            pct = Math.clamp(Integer.parseInt(tags.getOrDefault("pct", "100")), 0, 100);
        } catch (NumberFormatException ignored) {
            // RFC 7489 §6.3: an invalid pct is ignored; the default applies.
        }
        List<String> rua = new ArrayList<>();
        for (String uri : tags.getOrDefault("rua", "").split(",")) {
            if (!uri.isBlank()) {
                rua.add(uri.strip());
            }
        }
        return new PostureFacts.Dmarc(
                found.at(),
                applied,
                pct,
                "s".equalsIgnoreCase(tags.get("aspf")),
                "s".equalsIgnoreCase(tags.get("adkim")),
                rua);
    }

    private static Optional<DmarcPolicy> policy(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> Optional.of(DmarcPolicy.NONE);
            case "quarantine" -> Optional.of(DmarcPolicy.QUARANTINE);
            case "reject" -> Optional.of(DmarcPolicy.REJECT);
            default -> Optional.empty();
        };
    }
}
