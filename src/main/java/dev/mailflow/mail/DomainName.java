package dev.mailflow.mail;

import com.ibm.icu.text.IDNA;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A domain name as DNS asks for it: A-labels (RFC 5890), lower case, no trailing dot. The one place
 * where what a person typed becomes a domain: UTS #46 non-transitional processing, as browsers and
 * registries do it, so {@code faß.de} is {@code xn--fa-hia.de} and not {@code fass.de} (IDNA 2003,
 * {@code java.net.IDN}, maps ß to ss: another domain). Every input (request, filter, limit, MX
 * lookup) converts through here, so a run is stored, listed and filtered under the name it probed.
 */
public record DomainName(String ascii) {

    /** RFC 1035 §2.3.4: 255 octets on the wire, which is 253 characters written out. */
    static final int MAX_LENGTH = 253;

    private static final Pattern LDH_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    // No USE_STD3_RULES: a label that is not letters, digits and hyphens gets the LDH message below.
    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE
            | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ
            | IDNA.CHECK_CONTEXTO);

    /** Errors the LDH and length checks below name more precisely than IDNA does. */
    private static final Set<IDNA.Error> CHECKED_BELOW = EnumSet.of(
            IDNA.Error.EMPTY_LABEL,
            IDNA.Error.LABEL_TOO_LONG,
            IDNA.Error.DOMAIN_NAME_TOO_LONG,
            IDNA.Error.LEADING_HYPHEN,
            IDNA.Error.TRAILING_HYPHEN,
            IDNA.Error.HYPHEN_3_4);

    public DomainName {
        if (!ascii.equals(convert(ascii, "the domain"))) {
            throw new InvalidInputException("the domain is not in A-label form: " + ascii);
        }
    }

    /**
     * The domain a person typed, converted.
     *
     * @throws InvalidInputException naming what is wrong, worded for {@code what} ("the domain")
     */
    public static DomainName parse(String text, String what) {
        return new DomainName(convert(text, what));
    }

    public static DomainName parse(String text) {
        return parse(text, "the domain");
    }

    /** The name with U-labels, for people (an A-label that does not decode stays as it is). */
    public String unicode() {
        var info = new IDNA.Info();
        var out = UTS46.nameToUnicode(ascii, new StringBuilder(), info);
        return info.hasErrors() ? ascii : out.toString();
    }

    @Override
    public String toString() {
        return ascii;
    }

    private static String convert(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(what + " is empty");
        }
        if (text.endsWith(".")) {
            throw new InvalidInputException(what + " ends with a dot; write it without the trailing dot");
        }
        var info = new IDNA.Info();
        var ascii = UTS46.nameToASCII(text, new StringBuilder(), info).toString();
        var errors = EnumSet.noneOf(IDNA.Error.class);
        errors.addAll(info.getErrors());
        errors.removeAll(CHECKED_BELOW);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(what + " is not a valid domain name: it " + words(errors));
        }
        if (ascii.getBytes(StandardCharsets.US_ASCII).length > MAX_LENGTH) {
            throw new InvalidInputException(what + " is longer than 255 octets");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw new InvalidInputException(what + " has an empty label (two dots in a row?)");
            }
            if (!LDH_LABEL.matcher(label).matches()) {
                throw new InvalidInputException(what + " has a part \"" + label
                        + "\" that contains characters a domain name cannot have (each part between dots is"
                        + " letters, digits and hyphens, at most 63 characters, no hyphen first or last)");
            }
        }
        return ascii;
    }

    /** IDNA's error names in plain words (never the library's own text, which means nothing to a user). */
    private static String words(Set<IDNA.Error> errors) {
        return errors.stream().map(DomainName::plain).distinct().collect(java.util.stream.Collectors.joining("; it "));
    }

    private static String plain(IDNA.Error error) {
        return switch (error) {
            case PUNYCODE, INVALID_ACE_LABEL -> "has an \"xn--\" part that does not decode to letters";
            case BIDI -> "mixes right-to-left and left-to-right letters in a way a domain name cannot";
            case CONTEXTJ, CONTEXTO_PUNCTUATION, CONTEXTO_DIGITS ->
                "has a joining or punctuation character where a domain name cannot have it";
            case LEADING_COMBINING_MARK -> "has a part that starts with an accent mark";
            default -> "contains characters a domain name cannot have";
        };
    }
}
