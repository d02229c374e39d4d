package dev.mailflow.diagnosis;

import java.util.List;

/**
 * One entry of the reply-code knowledge base.
 *
 * @param key {@code 550} (basic), {@code 5.1.1} or {@code X.1.1} (enhanced), or a vendor entry's id
 *     such as {@code microsoft:5.7.606}
 * @param match for vendor entries, the case-insensitive text a reply must contain (null otherwise)
 * @param vendorNotes where a vendor uses this code differently from the registry, say how
 * @param reason for vendor entries, the reason a reply matching this entry is refused (null for the
 *     {@code generic:} fallbacks, which only help the code decide)
 * @param detail for vendor entries, what the reason's detail is (which list, which provider code)
 */
public record CodeEntry(
        String key,
        Kind kind,
        String vendor,
        String match,
        String title,
        String meaning,
        List<String> causes,
        List<String> fixes,
        Owner owner,
        Nature nature,
        List<String> refs,
        List<String> vendorNotes,
        Reason reason,
        String detail) {

    public CodeEntry {
        causes = causes == null ? List.of() : List.copyOf(causes);
        fixes = fixes == null ? List.of() : List.copyOf(fixes);
        refs = refs == null ? List.of() : List.copyOf(refs);
        vendorNotes = vendorNotes == null ? List.of() : List.copyOf(vendorNotes);
    }

    public enum Kind {
        BASIC,
        ENHANCED,
        VENDOR
    }

    /** Whether retrying later can help. */
    public enum Nature {
        SUCCESS,
        INTERMEDIATE,
        TRANSIENT,
        PERMANENT,
        DEFENSIVE
    }
}
