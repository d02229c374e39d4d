package dev.mailflow.message;

/**
 * One header field of a message, in the order it was written.
 *
 * @param name the field name as written ({@code Received}, {@code DKIM-Signature})
 * @param value the value unfolded (RFC 5322 §2.2.3) and with RFC 2047 encoded words decoded
 * @param raw the field exactly as it stood in the message, folding included (DKIM signs these bytes)
 */
public record HeaderField(String name, String value, String raw) {

    /** Whether this field is called {@code other}; field names are case-insensitive. */
    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }
}
