package dev.mailflow.egress;

import dev.mailflow.text.AddressText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.xbill.DNS.Address;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a block of
 * one. The one CIDR type (the target policy's ranges, SPF's {@code ip4:}/{@code ip6:} and {@code a/24}
 * terms). Parsed strictly: canonical dotted quads only, and no host bits set below the prefix (a typo
 * like {@code 10.0.0.1/8} fails at startup instead of meaning something unexpected).
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix /" + prefixLength + " does not fit " + AddressText.of(network));
        }
    }

    public static Cidr parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = AddressText.DOTTED_QUAD.matcher(address).matches()
                ? Address.toByteArray(address, Address.IPv4)
                : address.contains(":") ? Address.toByteArray(address, Address.IPv6) : null;
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an address block like 10.0.0.0/8 or fc00::/7");
        }
        String length = slash < 0 ? String.valueOf(bytes.length * 8) : trimmed.substring(slash + 1);
        if (!length.matches("[0-9]{1,3}")) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
        }
        int prefix = Integer.parseInt(length);
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bytes.length * 8);
        }
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException(
                        "'" + text + "' has address bits set after the /" + prefix + " prefix");
            }
        }
        InetAddress network;
        try {
            network = InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException("'" + text + "' is not an address block", impossible);
        }
        if (network.getAddress().length != bytes.length) {
            // Java turns ::ffff:a.b.c.d into an IPv4 address, and so does the policy when judging.
            throw new IllegalArgumentException("'" + text + "' is IPv4-mapped; write the IPv4 block instead");
        }
        return new Cidr(network, prefix);
    }

    /** Whether {@code address} is in the block: its first {@code prefixLength} bits are the network's. */
    public boolean contains(InetAddress address) {
        byte[] block = network.getAddress();
        byte[] candidate = address.getAddress();
        if (block.length != candidate.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((block[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return AddressText.of(network) + "/" + prefixLength;
    }
}
