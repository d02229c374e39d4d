package dev.mailflow.tls;

import dev.mailflow.text.UntrustedText;
import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.util.Locale;

/** Turns a failed handshake's exception into one sentence a mail administrator can act on. */
final class TlsFailures {

    private static final int MAX_DEPTH = 8;

    private TlsFailures() {}

    static String sentence(Exception cause) {
        if (cause == null) {
            return "handshake failed";
        }
        String said = messages(cause).toLowerCase(Locale.ROOT);
        if (has(cause, SocketTimeoutException.class)) {
            return "handshake failed: the server did not complete the TLS handshake in time";
        }
        // The JDK's words when the versions do not overlap, on either side (RFC 8446 §6.2 protocol_version).
        if (said.contains("protocol_version")
                || said.contains("no appropriate protocol")
                || said.contains("is not accepted by client preferences")) {
            return "handshake failed: the server offers no protocol this client enables (TLSv1.0 only?)";
        }
        if (said.contains("handshake_failure") || said.contains("no negotiable cipher suite")) {
            return "handshake failed: the server refused the handshake (handshake_failure);"
                    + " most often no cipher suite in common";
        }
        if (said.contains("unsupported or unrecognized ssl message") || said.contains("plaintext connection")) {
            return "handshake failed: the server did not answer in TLS (plain text after STARTTLS?)";
        }
        if (has(cause, EOFException.class)
                || said.contains("remote host terminated")
                || said.contains("connection reset")
                || said.contains("broken pipe")) {
            return "handshake failed: the server closed the connection during the handshake";
        }
        String first = firstMessage(cause);
        return "handshake failed: " + UntrustedText.shown(first, 300);
    }

    private static String messages(Throwable cause) {
        StringBuilder all = new StringBuilder();
        Throwable current = cause;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++, current = current.getCause()) {
            all.append(current.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static boolean has(Throwable cause, Class<? extends Throwable> type) {
        Throwable current = cause;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++, current = current.getCause()) {
            if (type.isInstance(current)) {
                return true;
            }
        }
        return false;
    }

    private static String firstMessage(Throwable cause) {
        Throwable current = cause;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++, current = current.getCause()) {
            if (current.getMessage() != null && !current.getMessage().isBlank()) {
                return current.getMessage();
            }
        }
        return cause.getClass().getSimpleName();
    }
}
