package dev.mailflow.tls;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** Turns a connected socket into TLS for STARTTLS (RFC 3207) or implicit TLS (RFC 8314), and reports on it. */
public interface TlsHandshaker {

    /**
     * Wraps a connected plain socket in TLS (accepts any certificate so it can be reported; SNI =
     * serverName without trailing dot) and completes the handshake within timeout.
     */
    SSLSocket handshake(Socket plain, String serverName, Duration timeout) throws IOException;

    /** Facts of a completed handshake: protocol, cipher, chain, trust verdict, host-name match, expiry. */
    TlsFacts facts(SSLSession session, String serverName);

    /** Facts of a failed handshake; failure = the reason. */
    TlsFacts failure(String serverName, Exception cause);
}
