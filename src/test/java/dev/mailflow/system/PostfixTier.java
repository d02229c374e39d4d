package dev.mailflow.system;

import dev.mailflow.testing.dns.TestDnsServer;
import dev.mailflow.testing.postfix.PostfixServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Debian's Postfix for a system test, made {@code example.test}'s MX by a DNS server of its own:
 * the app reaches both ({@link #reach}), the class is skipped without Postfix (fails under CI), and
 * both stop after the class. Registered with {@code @RegisterExtension}.
 */
final class PostfixTier implements BeforeAllCallback, AfterAllCallback {

    private final PostfixServer postfix = start();
    private final TestDnsServer dns =
            TestDnsServer.builder().zone(PostfixServer.DOMAIN, """
            @   MX 10 mx
            mx  A  127.0.0.1
            """).start();

    /** The running Postfix, or null when it is not installed (or we are not root). */
    PostfixServer server() {
        return postfix;
    }

    /** DNS, loopback targets, Postfix's port as the SMTP port and both its ports allowed. */
    void reach(DynamicPropertyRegistry registry) {
        int port = postfix == null ? 25 : postfix.port();
        int tlsRequiredPort = postfix == null ? 25 : postfix.tlsRequiredPort();
        registry.add("mailflow.dns.servers", dns::server);
        registry.add("mailflow.dns.timeout", () -> "2s");
        registry.add("mailflow.targets.allow", () -> "127.0.0.0/8");
        registry.add("mailflow.targets.ports", () -> port + "," + tlsRequiredPort);
        registry.add("mailflow.smtp.port", () -> port);
        registry.add("mailflow.smtp.helo-name", () -> "probe.contoso.test");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        SystemTier.requires(postfix != null, "Postfix is not installed or we are not root");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (postfix != null) {
            postfix.close();
        }
        dns.close();
    }

    private static PostfixServer start() {
        if (!PostfixServer.available()) {
            return null;
        }
        try {
            return PostfixServer.start();
        } catch (Exception e) {
            throw new IllegalStateException("Postfix is installed but did not start", e);
        }
    }
}
