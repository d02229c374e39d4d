package dev.mailflow.testing.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A sending SMTP client for tests, line by line like swaks: each command returns the server's whole
 * reply (multi-line joined by newlines), STARTTLS upgrades the socket trusting any certificate (as
 * MTAs do without MTA-STS or DANE), and raw writes let a test play a hostile client.
 */
public final class SmtpTestClient implements AutoCloseable {

    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    private SmtpTestClient(Socket socket) throws IOException {
        use(socket);
    }

    /** Connects to 127.0.0.1:{@code port} and reads nothing yet. */
    public static SmtpTestClient connect(int port, Duration timeout) throws IOException {
        var socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout((int) timeout.toMillis());
        return new SmtpTestClient(socket);
    }

    private void use(Socket next) throws IOException {
        socket = next;
        in = new BufferedReader(new InputStreamReader(next.getInputStream(), StandardCharsets.ISO_8859_1));
        out = next.getOutputStream();
    }

    /** One complete reply: lines until one whose fourth character is a space; null when the server closed. */
    public String reply() throws IOException {
        var reply = new StringBuilder();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                return reply.isEmpty() ? null : reply.toString();
            }
            reply.append(reply.isEmpty() ? "" : "\n").append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
    }

    public String command(String line) throws IOException {
        write(line + "\r\n");
        return reply();
    }

    /** Writes raw text, as it is (no line end added). */
    public void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** STARTTLS and the handshake; returns the 220 reply. The caller greets again afterwards (RFC 3207 §4.2). */
    public String startTls() throws IOException {
        String reply = command("STARTTLS");
        if (reply.startsWith("220")) {
            upgrade();
        }
        return reply;
    }

    /** The TLS handshake on the open connection (after a 220 to STARTTLS the test read itself). */
    public void upgrade() throws IOException {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
            var tls = (SSLSocket) context.getSocketFactory()
                    .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            use(tls);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** DATA, the message with dot-stuffing, the final dot; returns the reply after the dot (or the refusal of DATA). */
    public String data(byte[] message) throws IOException {
        String go = command("DATA");
        if (!go.startsWith("354")) {
            return go;
        }
        String text = new String(message, StandardCharsets.ISO_8859_1)
                .replace("\r\n", "\n")
                .replace("\n", "\r\n");
        var stuffed = new StringBuilder();
        for (String line : text.split("\r\n", -1)) {
            stuffed.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        if (text.endsWith("\r\n")) {
            stuffed.setLength(stuffed.length() - 2);
        }
        write(stuffed + ".\r\n");
        return reply();
    }

    public boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
