package dev.mailflow.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The IPv4 addresses an IPv6 address carries in the forms that route to an IPv4 host: the network
 * delivers such packets to that host, so the policy judges them as that host too.
 */
final class EmbeddedIpv4 {

    private static final byte[] NAT64_WELL_KNOWN = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] NAT64_LOCAL_USE = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 1};

    /**
     * Where RFC 6052 §2.2 puts the IPv4 octets for the prefix lengths that fit inside the local-use
     * /48, and where its suffix (zero by that RFC) starts. Octet 8 (bits 64-71) is always zero.
     */
    private static final int[][] LOCAL_USE_LAYOUTS = {
        {6, 7, 9, 10, 11}, // /48
        {7, 9, 10, 11, 12}, // /56
        {9, 10, 11, 12, 13}, // /64
    };

    private EmbeddedIpv4() {}

    static List<InetAddress> in(InetAddress address) {
        byte[] b = address.getAddress();
        var found = new ArrayList<InetAddress>();
        if (b.length != 16) {
            return found;
        }
        boolean zeroPrefix = zero(b, 0, 10);
        if (zeroPrefix && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
            found.add(v4(b, 12, 13, 14, 15)); // ::ffff:a.b.c.d, IPv4-mapped (RFC 4291 §2.5.5.2)
        } else if (zeroPrefix && b[10] == 0 && b[11] == 0 && ((b[12] | b[13] | b[14]) != 0 || (b[15] & 0xfe) != 0)) {
            // (:: and ::1 are judged as themselves: they are not compatible addresses)
            found.add(v4(b, 12, 13, 14, 15)); // ::a.b.c.d, IPv4-compatible (RFC 4291 §2.5.5.1)
        } else if (zero(b, 0, 8) && b[8] == (byte) 0xff && b[9] == (byte) 0xff && b[10] == 0 && b[11] == 0) {
            found.add(v4(b, 12, 13, 14, 15)); // ::ffff:0:a.b.c.d, IPv4-translated for SIIT (RFC 6145)
        } else if (Arrays.equals(b, 0, 12, NAT64_WELL_KNOWN, 0, 12)) {
            found.add(v4(b, 12, 13, 14, 15)); // 64:ff9b::a.b.c.d, NAT64 (RFC 6052 §2.1)
        } else if (Arrays.equals(b, 0, 6, NAT64_LOCAL_USE, 0, 6)) {
            localUseNat64(b, found);
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            found.add(v4(b, 2, 3, 4, 5)); // 2002:aabb:ccdd::, 6to4 (RFC 3056 §2)
        } else if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            // Teredo (RFC 4380 §4): the server's IPv4 in bits 32-63, the client's inverted in the last 32.
            found.add(v4(b, 4, 5, 6, 7));
            found.add(v4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]));
        }
        return found;
    }

    /**
     * 64:ff9b:1::/48 (RFC 8215) is split into NAT64 prefixes of any length the operator picks, so
     * the IPv4 part may sit in more than one place. Every layout whose suffix is zero, as RFC 6052
     * requires, is judged, as well as the last 32 bits (the /96 layout): a hostile name server cannot
     * hide a refused address by choosing the layout.
     */
    private static void localUseNat64(byte[] b, List<InetAddress> found) {
        for (int[] layout : LOCAL_USE_LAYOUTS) {
            if (b[8] == 0 && zero(b, layout[4], 16)) {
                found.add(v4(b, layout[0], layout[1], layout[2], layout[3]));
            }
        }
        found.add(v4(b, 12, 13, 14, 15));
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v4(byte[] b, int i, int j, int k, int l) {
        return v4(b[i], b[j], b[k], b[l]);
    }

    private static InetAddress v4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
