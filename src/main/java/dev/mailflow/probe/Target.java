package dev.mailflow.probe;

import dev.mailflow.dns.MxHost;
import dev.mailflow.smtp.SessionFacts;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** One (MX host, address, port) a run may open a session to. */
record Target(MxHost host, InetAddress address, int port) {

    String key() {
        return SessionFacts.key(host.name(), address, port);
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    SessionFacts pending() {
        return new SessionFacts(key(), host.name(), address, port, host.preference(), null);
    }
}
