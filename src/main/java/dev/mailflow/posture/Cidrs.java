package dev.mailflow.posture;

import java.net.InetAddress;

/** Whether an address lies in a network given as address and prefix length. */
final class Cidrs {

    private Cidrs() {}

    static boolean contains(InetAddress network, InetAddress address, int bits) {
        byte[] n = network.getAddress();
        byte[] a = address.getAddress();
        if (n.length != a.length) {
            return false;
        }
        int whole = bits / 8;
        for (int i = 0; i < whole; i++) {
            if (n[i] != a[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (n[whole] & mask) == (a[whole] & mask);
    }
}
