package dev.mailflow.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One value of a verdict header, the raw value beside what its vendor says it means.
 *
 * @param header the header ({@code X-Forefront-Antispam-Report})
 * @param field the field inside it ({@code SFV}), null for a header that is one value
 * @param value as written
 * @param meaning the vendor's meaning; for a field the vendor does not describe, says so
 * @param vendor who writes the header
 * @param junk whether this value means the filter judged the message spam or worse
 * @param documented whether the vendor documents the header (false: meanings as commonly read)
 */
@JsonPropertyOrder({"header", "field", "value", "meaning"})
public record Verdict(
        String header,
        String field,
        String value,
        String meaning,
        @JsonIgnore String vendor,
        @JsonIgnore boolean junk,
        @JsonIgnore boolean documented) {}
