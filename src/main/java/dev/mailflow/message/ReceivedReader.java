package dev.mailflow.message;

import dev.mailflow.dns.HostLiteral;
import dev.mailflow.text.AddressText;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code Received} header read into a {@link Hop} (without its delay): RFC 5321 §4.4's clauses
 * (see {@link ReceivedClauses}), the time after the last {@code ;} (SendGrid writes none: then the
 * date is looked for at the end, as Microsoft's Message Header Analyzer does), the sender's address
 * from the {@code from} clause's comment ({@code (mail.example.com [192.0.2.1])}, Exchange's
 * {@code (192.0.2.1)}, Exim's {@code [192.0.2.1]}) and the TLS the header names:
 *
 * <ul>
 *   <li>Exchange: {@code with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_...)}
 *   <li>Gmail and Sendmail: {@code (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128)}
 *   <li>Postfix: {@code (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))}
 *   <li>Exim: {@code with esmtps (TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}, older {@code
 *       (TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256)}
 *   <li>RFC 3848 protocol names ({@code ESMTPS}, {@code ESMTPSA}, {@code UTF8SMTPS}), Gmail's {@code
 *       SMTPS} and Exchange's {@code HTTPS}: TLS, version not said
 * </ul>
 */
final class ReceivedReader {

    /** Longer Received values are read this far: no real one comes near it. */
    static final int MAX_VALUE = 4096;

    private static final Pattern VERSION =
            Pattern.compile("(?i)(?:version=|using\\s+|\\()?\\b(TLS\\s?v?1(?:[._]\\d)?|SSLv3)\\b");
    private static final Pattern CIPHER = Pattern.compile("(?i)\\bcipher[=\\s]\\s*([A-Za-z0-9_-]{3,80})");
    private static final Pattern EXIM_OLD =
            Pattern.compile("(?i)^(TLS\\s?v?1(?:[._]\\d)?|SSLv3):([A-Za-z0-9_-]{3,80})(?::\\d+)?$");
    private static final Pattern TLS_PROTOCOL =
            Pattern.compile("(?i)^(?:ESMTPS|ESMTPSA|LMTPS|LMTPSA|UTF8SMTPS|UTF8SMTPSA|UTF8LMTPS|SMTPS|HTTPS)$");
    private static final Pattern IP_IN_TEXT =
            Pattern.compile("\\[(?:IPv6:)?([0-9A-Fa-f:.]{2,45})]|(?<![\\w.:])(\\d{1,3}(?:\\.\\d{1,3}){3}"
                    + "|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\\w.:])");

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,253}");

    private ReceivedReader() {}

    static Hop read(String value) {
        String text = value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value;
        text = text.replaceAll("[\\r\\n]+", " ");
        String clauses = text;
        HeaderDate.Parsed date = null;
        int semicolon = text.lastIndexOf(';');
        if (semicolon >= 0) {
            clauses = text.substring(0, semicolon);
            date = HeaderDate.find(text.substring(semicolon + 1)).orElse(null);
        } else {
            var found = HeaderDate.find(tail(text));
            if (found.isPresent()) {
                int offset = Math.max(0, text.length() - HeaderDate.MAX_TEXT);
                date = found.get();
                clauses = text.substring(0, offset + date.start());
            }
        }
        var parts = ReceivedClauses.of(clauses);
        var from = parts.get("from");
        String fromHost = parts.firsts("from");
        String by = parts.firsts("by");
        String with = parts.text("with");
        String note = null;
        if (fromHost == null && by == null && !parts.leading().isEmpty()) {
            note = parts.leading().getFirst();
        }
        if (date != null && date.zoneAssumed()) {
            note = (note == null ? "" : note + "; ") + "the time names no zone: read as UTC";
        }
        String id = parts.firsts("id");
        String forAddress = parts.text("for");
        Hop.Tls tls = tls(parts, with);
        String organisation = organisation(by);
        String address = from == null ? null : fromAddress(from);
        return new Hop(
                fromHost,
                by,
                with,
                id,
                forAddress,
                parts.text("via"),
                date == null ? null : date.at(),
                null,
                address,
                tls,
                organisation,
                inside(fromHost, organisation, address),
                note,
                value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value);
    }

    private static String tail(String text) {
        return text.length() > HeaderDate.MAX_TEXT ? text.substring(text.length() - HeaderDate.MAX_TEXT) : text;
    }

    private static Hop.Tls tls(ReceivedClauses parts, String with) {
        String version = null;
        String cipher = null;
        for (String comment : parts.comments()) {
            Matcher old = EXIM_OLD.matcher(comment);
            if (old.matches()) {
                return new Hop.Tls(normalVersion(old.group(1)), old.group(2));
            }
            Matcher v = VERSION.matcher(comment);
            Matcher c = CIPHER.matcher(comment);
            if (v.find() && (c.find() || comment.toLowerCase(Locale.ROOT).startsWith("tls"))) {
                version = normalVersion(v.group(1));
                cipher = c.hasMatch() ? c.group(1) : cipher;
            }
        }
        if (parts.get("tls") != null && parts.get("tls").first() != null) {
            cipher = parts.get("tls").first();
        }
        if (version != null || cipher != null) {
            return new Hop.Tls(version, cipher);
        }
        if (with != null && TLS_PROTOCOL.matcher(with.split("[\\s;]", 2)[0]).matches()) {
            return new Hop.Tls(null, null);
        }
        return null;
    }

    /** {@code TLS1_2}, {@code TLSv1.2}, {@code TLS1.2} → {@code TLSv1.2}. */
    static String normalVersion(String version) {
        String v = version.replace(" ", "").toUpperCase(Locale.ROOT);
        if (v.equals("SSLV3")) {
            return "SSLv3";
        }
        String digits = v.replaceAll("[^0-9]", "");
        return digits.length() >= 2 ? "TLSv" + digits.charAt(0) + "." + digits.charAt(1) : "TLSv1.0";
    }

    /** The first IP literal in the clause: its words first (Exim's [192.0.2.1]), then its comments. */
    private static String fromAddress(ReceivedClauses.Clause from) {
        for (String word : from.words()) {
            var address = literal(word);
            if (address.isPresent()) {
                return address.get();
            }
        }
        for (String comment : from.comments()) {
            Matcher m = IP_IN_TEXT.matcher(comment);
            while (m.find()) {
                var address = HostLiteral.parse(m.group(1) != null ? m.group(1) : m.group(2));
                if (address.isPresent()) {
                    return AddressText.of(address.get());
                }
            }
        }
        return null;
    }

    private static Optional<String> literal(String word) {
        String w = word.startsWith("[IPv6:") ? "[" + word.substring(6) : word;
        return HostLiteral.parse(w).map(AddressText::of);
    }

    /** The last two labels of a host name (not of an address literal), lower case. */
    static String organisation(String host) {
        if (host == null
                || !HOST_NAME.matcher(host).matches()
                || HostLiteral.parse(host).isPresent()) {
            return null;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String[] labels = name.split("\\.");
        if (labels.length < 2) {
            return null;
        }
        return labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    private static boolean inside(String fromHost, String organisation, String address) {
        if (address != null) {
            var ip = HostLiteral.parse(address).orElse(null);
            if (ip != null && privateAddress(ip)) {
                return true;
            }
        }
        return organisation != null && organisation.equals(organisation(fromHost));
    }

    static boolean privateAddress(InetAddress ip) {
        byte[] b = ip.getAddress();
        boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return ip.isSiteLocalAddress() || ip.isLoopbackAddress() || ip.isLinkLocalAddress() || uniqueLocal || cgnat;
    }
}
