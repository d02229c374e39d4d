package dev.mailflow.probe;

import dev.mailflow.dns.MxHost;
import dev.mailflow.text.AddressText;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** One (MX host, address, port) a run may open a session to. */
record Target(MxHost host, InetAddress address, int port) {

    String key() {
        return SessionRecord.key(host.name(), AddressText.of(address), port);
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    SessionRecord pending() {
        return new SessionRecord(key(), host.name(), AddressText.of(address), port, host.preference(), null);
    }
}
