package dev.mailflow.smtp;

import dev.mailflow.mail.EhloName;
import dev.mailflow.mail.MailAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one place that turns validated values into command lines (RFC 5321 §4.1.1), without CRLF.
 * Which parameters to add is decided by the session from what the server advertised.
 */
final class Commands {

    static final String STARTTLS = "STARTTLS";
    static final String DATA = "DATA";
    static final String RSET = "RSET";
    static final String QUIT = "QUIT";
    static final String REDACTED = "****";

    private Commands() {}

    /**
     * ESMTP parameters of MAIL FROM.
     *
     * @param size RFC 1870 {@code SIZE=}; 0 or less for none
     * @param eightBitMime RFC 6152 {@code BODY=8BITMIME}
     * @param smtpUtf8 RFC 6531 {@code SMTPUTF8}
     * @param ret RFC 3461 {@code RET=FULL} or {@code RET=HDRS}; null for none
     * @param envelopeId RFC 3461 {@code ENVID}, xtext-encoded here; null for none
     */
    record MailParameters(long size, boolean eightBitMime, boolean smtpUtf8, Ret ret, String envelopeId) {

        static final MailParameters NONE = new MailParameters(0, false, false, (Ret) null, null);

        MailParameters(long size, boolean eightBitMime, boolean smtpUtf8, boolean returnHeaders, String envelopeId) {
            this(size, eightBitMime, smtpUtf8, returnHeaders ? Ret.HDRS : null, envelopeId);
        }
    }

    static String ehlo(EhloName name) {
        return "EHLO " + name.value();
    }

    static String helo(EhloName name) {
        return "HELO " + name.value();
    }

    static String mailFrom(MailAddress from, MailParameters p) {
        var line = new StringBuilder("MAIL FROM:<").append(from).append('>');
        if (p.size() > 0) {
            line.append(" SIZE=").append(p.size());
        }
        if (p.eightBitMime()) {
            line.append(" BODY=8BITMIME");
        }
        if (p.smtpUtf8()) {
            line.append(" SMTPUTF8");
        }
        if (p.ret() != null) {
            line.append(" RET=").append(p.ret().name());
        }
        if (p.envelopeId() != null) {
            line.append(" ENVID=").append(xtext(p.envelopeId()));
        }
        return line.toString();
    }

    /**
     * RCPT TO with DSN parameters when {@code notify} is not empty (the caller checked that DSN was
     * advertised). ORCPT (RFC 3461 §4.2) is added for ASCII addresses only: a UTF-8 address would
     * need the RFC 6533 {@code utf-8} address type.
     */
    static String rcptTo(MailAddress to, Set<Notify> notify) {
        var line = new StringBuilder("RCPT TO:<").append(to).append('>');
        if (!notify.isEmpty()) {
            line.append(" NOTIFY=")
                    .append(notify.stream().sorted().map(Notify::name).collect(Collectors.joining(",")));
            if (!to.needsSmtpUtf8()) {
                line.append(" ORCPT=rfc822;").append(xtext(to.toString()));
            }
        }
        return line.toString();
    }

    /** RFC 4954 §4 with the RFC 4616 message {@code authzid NUL authcid NUL passwd}, authzid empty. */
    static String authPlain(SessionOptions.Credentials c) {
        return "AUTH PLAIN " + base64("\0" + c.username() + "\0" + c.password());
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 3461 §4: printable ASCII except '+' and '=' stays; every other octet becomes {@code +HH}. */
    static String xtext(String text) {
        var out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 33 && c <= 126 && c != '+' && c != '=') {
                out.append((char) c);
            } else {
                out.append('+').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
