package dev.mailflow.testing.dns;

import dev.mailflow.testing.dns.TestDnsServer.Transport;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The UDP and TCP listeners of the test server on one port of 127.0.0.1, each query handled on its
 * own virtual thread. Moves bytes only; what to answer is the handler's business.
 */
final class DnsSockets implements AutoCloseable {

    /** The wire answer to a wire query, or empty to stay silent. */
    @FunctionalInterface
    interface Handler {
        Optional<byte[]> handle(byte[] query, Transport transport);
    }

    private final Handler handler;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    DnsSockets(Handler handler) throws IOException {
        this.handler = handler;
        DatagramSocket boundUdp = null;
        ServerSocket boundTcp = null;
        // UDP and TCP must share one port (clients retry truncated answers on the same port), so
        // take a free UDP port and try TCP on it, a few times in case another process holds it.
        for (int attempt = 0; attempt < 20 && boundTcp == null; attempt++) {
            boundUdp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                boundTcp = new ServerSocket(boundUdp.getLocalPort(), 50, InetAddress.getLoopbackAddress());
            } catch (IOException taken) {
                boundUdp.close();
            }
        }
        if (boundTcp == null) {
            throw new IOException("no free port for both UDP and TCP on 127.0.0.1");
        }
        this.udp = boundUdp;
        this.tcp = boundTcp;
        threads.submit(this::serveUdp);
        threads.submit(this::serveTcp);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
    }

    @Override
    public void close() {
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing a listening socket has nothing left to report
        }
        threads.shutdownNow();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] query = Arrays.copyOf(packet.getData(), packet.getLength());
                var client = packet.getSocketAddress();
                threads.submit(() -> handler.handle(query, Transport.UDP).ifPresent(answer -> {
                    try {
                        udp.send(new DatagramPacket(answer, answer.length, client));
                    } catch (IOException closed) {
                        // the server is closing
                    }
                }));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket client = tcp.accept();
                threads.submit(() -> serveTcpClient(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** RFC 1035 §4.2.2: each message is preceded by its length in two bytes. */
    private void serveTcpClient(Socket client) {
        try (client;
                var in = new DataInputStream(client.getInputStream());
                var out = new DataOutputStream(client.getOutputStream())) {
            while (true) {
                byte[] query = new byte[in.readUnsignedShort()];
                in.readFully(query);
                Optional<byte[]> answer = handler.handle(query, Transport.TCP);
                if (answer.isPresent()) {
                    out.writeShort(answer.get().length);
                    out.write(answer.get());
                    out.flush();
                }
            }
        } catch (IOException done) {
            // the client closed the connection (RFC 7766 §6.2.1 lets either side close)
        }
    }
}
