package dev.mailflow.testing;

import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.smtp.ScriptedSmtpServer;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The DNS server and SMTP servers a full-app test starts, as one fixture: handed to the app as its
 * settings ({@link RunningApp#reach}: loopback allowed, the first server's port as the SMTP port,
 * every server's port allowed) and closed after the class. Registered with
 * {@code @RegisterExtension static final Peers PEERS = Peers.of(DNS, MX, ...)}.
 */
public final class Peers implements AfterAllCallback {

    private final TestDnsServer dns;
    private final List<ScriptedSmtpServer> servers;
    private final String heloName;
    private final int[] otherPorts;

    private Peers(TestDnsServer dns, List<ScriptedSmtpServer> servers, String heloName, int[] otherPorts) {
        this.dns = dns;
        this.servers = List.copyOf(servers);
        this.heloName = heloName;
        this.otherPorts = otherPorts.clone();
    }

    /** The first server's port is the app's SMTP port; the app greets as {@code probe.contoso.test}. */
    public static Peers of(TestDnsServer dns, ScriptedSmtpServer... servers) {
        return new Peers(dns, List.of(servers), "probe.contoso.test", new int[0]);
    }

    public Peers greetingAs(String name) {
        return new Peers(dns, servers, name, otherPorts);
    }

    /** Ports a request may name besides the servers' own (a closed port, say). */
    public Peers allowingPorts(int... ports) {
        return new Peers(dns, servers, heloName, ports);
    }

    public void reach(DynamicPropertyRegistry registry) {
        var ports = IntStream.concat(servers.stream().mapToInt(s -> s.address().getPort()), IntStream.of(otherPorts))
                .toArray();
        RunningApp.reach(
                registry,
                dns,
                "127.0.0.0/8",
                heloName,
                servers.getFirst().address().getPort(),
                ports);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        servers.forEach(ScriptedSmtpServer::close);
        dns.close();
    }
}
