package dev.mailflow.dns;

import dev.mailflow.mail.DomainName;
import dev.mailflow.mail.InvalidInputException;
import dev.mailflow.text.UntrustedText;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/** What a user typed as an absolute dnsjava {@link Name}, converted by the one {@link DomainName}, or why not. */
final class DnsName {

    private static final int SHOWN = 80;

    private DnsName() {}

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
        // An absolute name as DNS writes it ("example.com.") is the same name.
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        try {
            return Name.fromString(DomainName.parse(name).ascii(), Name.root);
        } catch (InvalidInputException | TextParseException e) {
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
