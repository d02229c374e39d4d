package dev.mailflow.smtp;

import java.io.IOException;

/** The server closed the connection before sending the first byte of a reply. */
final class ConnectionClosedException extends IOException {

    ConnectionClosedException() {
        super("the server closed the connection");
    }
}
