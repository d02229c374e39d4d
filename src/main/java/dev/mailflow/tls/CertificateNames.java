package dev.mailflow.tls;

import dev.mailflow.text.AddressText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The names a server certificate claims, and whether one of them is the host we meant to reach
 * (RFC 6125 §6). Written here rather than borrowed from {@code sun.security.util} so that the rule
 * is visible and stable.
 */
final class CertificateNames {

    // RFC 5280 §4.2.1.6 GeneralName tags.
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private final List<String> dnsNames;
    private final List<String> ipAddresses;
    private final String commonName;

    private CertificateNames(List<String> dnsNames, List<String> ipAddresses, String commonName) {
        this.dnsNames = dnsNames;
        this.ipAddresses = ipAddresses;
        this.commonName = commonName;
    }

    static CertificateNames of(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (List<?> entry : subjectAltNames(certificate)) {
            if (entry.size() < 2 || !(entry.get(0) instanceof Integer tag) || !(entry.get(1) instanceof String value)) {
                continue;
            }
            if (tag == DNS_NAME) {
                dns.add(value);
            } else if (tag == IP_ADDRESS) {
                ips.add(value);
            }
        }
        return new CertificateNames(
                List.copyOf(dns), List.copyOf(ips), commonName(certificate.getSubjectX500Principal()));
    }

    /** The subject alternative names as {@code DNS:name} and {@code IP:address}, as openssl shows them. */
    List<String> subjectAltNames() {
        List<String> names = new ArrayList<>(dnsNames.size() + ipAddresses.size());
        dnsNames.forEach(name -> names.add("DNS:" + name));
        ipAddresses.forEach(address -> names.add("IP:" + address));
        return names;
    }

    /**
     * Whether the certificate names {@code host}. An IP literal matches only an iPAddress entry. A
     * host name matches a dNSName entry, case-insensitively and ignoring a trailing dot; the
     * left-most label of an entry may be a lone "*" that stands for exactly one label (§6.4.3). The
     * subject CN counts only when the certificate has no dNSName at all (§6.4.4).
     */
    boolean matches(String host) {
        String wanted = normalise(host);
        if (wanted.isEmpty()) {
            return false;
        }
        InetAddress literal = ipLiteral(wanted);
        if (literal != null) {
            return ipAddresses.stream().map(CertificateNames::ipLiteral).anyMatch(literal::equals);
        }
        if (!dnsNames.isEmpty()) {
            return dnsNames.stream().anyMatch(pattern -> matches(normalise(pattern), wanted));
        }
        return commonName != null && matches(normalise(commonName), wanted);
    }

    private static boolean matches(String pattern, String host) {
        if (!pattern.contains("*")) {
            return pattern.equals(host);
        }
        // Only "*.rest" with at least two labels in rest: "*.com" or "a.*.example.com" never match.
        if (!pattern.startsWith("*.") || pattern.indexOf('*', 1) >= 0) {
            return false;
        }
        String rest = pattern.substring(2);
        int firstDot = host.indexOf('.');
        return rest.contains(".")
                && firstDot > 0
                && host.substring(firstDot + 1).equals(rest);
    }

    /** The parsed address when {@code text} is an IPv4 or IPv6 literal, else null; never a DNS lookup. */
    static InetAddress ipLiteral(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        try {
            if (AddressText.DOTTED_QUAD.matcher(bare).matches()) {
                return InetAddress.getByAddress(org.xbill.DNS.Address.toByteArray(bare, org.xbill.DNS.Address.IPv4));
            }
            // dnsjava's parser reads IPv6 text strictly and never resolves anything.
            byte[] v6 = bare.contains(":") ? org.xbill.DNS.Address.toByteArray(bare, org.xbill.DNS.Address.IPv6) : null;
            return v6 == null ? null : InetAddress.getByAddress(v6);
        } catch (UnknownHostException notALiteral) {
            return null;
        }
    }

    static String normalise(String name) {
        String lower = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException malformed) {
            return List.of();
        }
    }

    /** The most specific (last) CN of the subject, or null. */
    private static String commonName(X500Principal subject) {
        try {
            List<Rdn> rdns = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns();
            String found = null;
            // LdapName lists RDNs from the right, so the last CN seen is the left-most, most specific one.
            for (Rdn rdn : rdns) {
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String value) {
                    found = value;
                }
            }
            return found;
        } catch (InvalidNameException malformed) {
            return null;
        }
    }
}
