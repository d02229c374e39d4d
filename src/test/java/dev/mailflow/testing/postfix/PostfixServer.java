package dev.mailflow.testing.postfix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Postfix (Debian's package) on 127.0.0.1, started in the foreground with its own config,
 * queue and data directories under a temporary folder, for the system tier. Needs root (Postfix's
 * master does) and the {@code postfix} user that the package creates.
 *
 * <p>Two listeners: {@link #port()} offers STARTTLS with a self-signed certificate for
 * {@code mx.example.test}; {@link #tlsRequiredPort()} answers {@code 530 5.7.0 Must issue a STARTTLS
 * command first} until TLS is up. {@code example.test} is the only local domain, {@code kate} its
 * only user: any other recipient gets {@code 550 5.1.1 ... User unknown in local recipient table}.
 * Accepted mail is discarded.
 */
public final class PostfixServer implements AutoCloseable {

    public static final String DOMAIN = "example.test";
    public static final String HOST_NAME = "mx.example.test";
    public static final String KNOWN_USER = "kate";

    private final Path dir;
    private final int port;
    private final int tlsRequiredPort;
    private final Process process;

    private PostfixServer(Path dir, int port, int tlsRequiredPort, Process process) {
        this.dir = dir;
        this.port = port;
        this.tlsRequiredPort = tlsRequiredPort;
        this.process = process;
    }

    /** True when Postfix is installed and we may run it (root); system tests skip otherwise. */
    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/sbin/postfix")) && "root".equals(System.getProperty("user.name"));
    }

    public static PostfixServer start() throws IOException, InterruptedException {
        return start(0);
    }

    /**
     * A Postfix that relays every message it accepts from 127.0.0.0/8 for another domain to
     * 127.0.0.1:{@code relayPort} (its {@code relayhost}), with STARTTLS when offered ({@code
     * smtp_tls_security_level = may}) and HELO {@value #HOST_NAME}, as an outbound MTA would.
     */
    public static PostfixServer relayingTo(int relayPort) throws IOException, InterruptedException {
        return start(relayPort);
    }

    private static PostfixServer start(int relayPort) throws IOException, InterruptedException {
        var dir = Files.createTempDirectory("mailflow-postfix");
        var conf = Files.createDirectories(dir.resolve("conf"));
        var queue = Files.createDirectories(dir.resolve("queue"));
        var data = Files.createDirectories(dir.resolve("data"));
        dir.toFile().setReadable(true, false);
        dir.toFile().setExecutable(true, false);
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(data, users.lookupPrincipalByName("postfix"));

        run(List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                conf.resolve("key.pem").toString(),
                "-out",
                conf.resolve("cert.pem").toString(),
                "-days",
                "30",
                "-subj",
                "/CN=" + HOST_NAME,
                "-addext",
                "subjectAltName=DNS:" + HOST_NAME));

        int port = freePort();
        int tlsRequiredPort = freePort();
        var mainCf = mainCf(conf, queue, data);
        if (relayPort > 0) {
            mainCf = mainCf.replace("default_transport = discard:", "default_transport = smtp")
                            .replace("relay_transport = discard:", "relay_transport = smtp")
                    + relaying(relayPort);
        }
        Files.writeString(conf.resolve("main.cf"), mainCf, StandardCharsets.US_ASCII);
        Files.writeString(conf.resolve("master.cf"), masterCf(port, tlsRequiredPort), StandardCharsets.US_ASCII);

        var process = new ProcessBuilder("postfix", "-c", conf.toString(), "start-fg")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("postfix.log").toFile())
                .start();
        var server = new PostfixServer(dir, port, tlsRequiredPort, process);
        server.awaitListening(Duration.ofSeconds(30));
        return server;
    }

    public int port() {
        return port;
    }

    public int tlsRequiredPort() {
        return tlsRequiredPort;
    }

    /** Postfix's own log (maillog_file), for a failing test's message. */
    public String log() {
        try {
            return Files.readString(dir.resolve("postfix.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            run(List.of("postfix", "-c", dir.resolve("conf").toString(), "stop"));
        } catch (IOException e) {
            // Already gone; destroying the master below is enough.
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private void awaitListening(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("postfix exited: " + log());
            }
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("postfix did not listen within " + timeout + ": " + log());
    }

    private static String mainCf(Path conf, Path queue, Path data) {
        return """
                compatibility_level = 3.6
                queue_directory = %s
                data_directory = %s
                command_directory = /usr/sbin
                daemon_directory = /usr/lib/postfix/sbin
                shlib_directory = /usr/lib/postfix
                mail_owner = postfix
                setgid_group = postdrop
                maillog_file = /dev/stdout
                inet_interfaces = 127.0.0.1
                inet_protocols = ipv4
                myhostname = %s
                mydomain = %s
                mydestination = %s
                mynetworks = 127.0.0.0/8
                local_recipient_maps = inline:{ %s=ok }
                alias_maps =
                alias_database =
                local_transport = discard:
                default_transport = discard:
                relay_transport = discard:
                smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
                smtpd_tls_cert_file = %s
                smtpd_tls_key_file = %s
                smtpd_tls_security_level = may
                smtpd_banner = $myhostname ESMTP Postfix
                # Tests and benchmarks start many transactions and deliver none: without this, Postfix's
                # flow control pauses each MAIL FROM for a second once its queue seems to grow.
                in_flow_delay = 0s
                """.formatted(
                queue, data, HOST_NAME, DOMAIN, DOMAIN, KNOWN_USER, conf.resolve("cert.pem"), conf.resolve("key.pem"));
    }

    private static String relaying(int relayPort) {
        return """
                relayhost = [127.0.0.1]:%d
                smtp_tls_security_level = may
                smtp_host_lookup = native
                smtp_helo_name = $myhostname
                """.formatted(relayPort);
    }

    private static String masterCf(int port, int tlsRequiredPort) {
        return """
                127.0.0.1:%d inet n - n - - smtpd
                127.0.0.1:%d inet n - n - - smtpd -o smtpd_tls_security_level=encrypt
                pickup    unix  n       -       n       60      1       pickup
                cleanup   unix  n       -       n       -       0       cleanup
                qmgr      unix  n       -       n       300     1       qmgr
                tlsmgr    unix  -       -       n       1000?   1       tlsmgr
                rewrite   unix  -       -       n       -       -       trivial-rewrite
                bounce    unix  -       -       n       -       0       bounce
                defer     unix  -       -       n       -       0       bounce
                trace     unix  -       -       n       -       0       bounce
                verify    unix  -       -       n       -       1       verify
                flush     unix  n       -       n       1000?   0       flush
                proxymap  unix  -       -       n       -       -       proxymap
                smtp      unix  -       -       n       -       -       smtp
                relay     unix  -       -       n       -       -       smtp
                showq     unix  n       -       n       -       -       showq
                error     unix  -       -       n       -       -       error
                retry     unix  -       -       n       -       -       error
                discard   unix  -       -       n       -       -       discard
                local     unix  -       n       n       -       -       local
                anvil     unix  -       -       n       -       1       anvil
                scache    unix  -       -       n       -       1       scache
                postlog   unix-dgram n  -       n       -       1       postlogd
                """.formatted(port, tlsRequiredPort);
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new UncheckedIOException(new IOException(String.join(" ", command) + " failed: " + output));
        }
    }
}
