package dev.mailflow.testing.https;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS server on 127.0.0.1 and a random port, serving one answer at {@code
 * /.well-known/mta-sts.txt}: a status, a content type and a body, changeable between requests.
 */
public final class PolicyServer implements AutoCloseable {

    private final HttpsServer server;
    private volatile int status = 200;
    private volatile String contentType = "text/plain";
    private volatile String body = "";
    private volatile String location;

    public PolicyServer(SSLContext tls) {
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/.well-known/mta-sts.txt", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves {@code body} as {@code contentType} with 200. */
    public PolicyServer serve(String contentType, String body) {
        this.status = 200;
        this.contentType = contentType;
        this.body = body;
        this.location = null;
        return this;
    }

    /** Answers with a redirect to {@code location}. */
    public PolicyServer redirect(String location) {
        this.status = 301;
        this.contentType = "text/html";
        this.body = "moved";
        this.location = location;
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
