package dev.mailflow.smtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Opens the TCP connection for a session; the probe hands in the target policy's guarded connect. */
@FunctionalInterface
public interface Connector {

    Socket connect(InetSocketAddress address, Duration timeout) throws IOException;
}
