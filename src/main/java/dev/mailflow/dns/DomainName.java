package dev.mailflow.dns;

import dev.mailflow.text.UntrustedText;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** Turns what a user typed into an absolute DNS name in A-label form (RFC 5890), or says why not. */
final class DomainName {

    // RFC 1123 §2.1 host name labels, after IDNA has turned U-labels into xn-- A-labels.
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final int SHOWN = 80;

    private DomainName() {}

    /** Thrown only inside the package; callers turn it into an ERROR plan. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    static Name parse(String text) throws Invalid {
        if (text == null || text.isBlank()) {
            throw new Invalid("no domain given");
        }
        String name = text.strip();
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new Invalid("not a valid domain name: " + shown(text));
        }
        // RFC 1035 §2.3.4: 255 octets on the wire, which is 253 characters written out.
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw new Invalid("not a valid domain name: " + shown(text));
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new Invalid("not a valid domain name: " + shown(text));
            }
        }
        try {
            return Name.fromString(ascii, Name.root);
        } catch (TextParseException e) {
            throw new Invalid("not a valid domain name: " + shown(text));
        }
    }

    /** Outside text (a user's, a server's) echoed in a detail: one line, cut short, quoted. */
    static String shown(String text) {
        return "'" + bounded(text) + "'";
    }

    /** Outside text as one short line. */
    static String bounded(String text) {
        return UntrustedText.shown(text == null ? "" : text.strip(), SHOWN);
    }
}
