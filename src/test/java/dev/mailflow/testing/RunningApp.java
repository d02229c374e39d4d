package dev.mailflow.testing;

import dev.mailflow.testing.dns.TestDnsServer;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application on a random port, talking to DNS and SMTP servers the test started: the
 * set-up every full-app test shares. A subclass starts its servers, hands them to {@link #reach} in
 * its {@code @DynamicPropertySource}, and talks to the app through {@link #app}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class RunningApp {

    @LocalServerPort
    protected int port;

    /** Signed in as {@link TestUser}. */
    protected AppClient app;

    protected final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    protected void connect() {
        app = AppClient.signedIn(port);
    }

    /**
     * Points the app at {@code dns} and lets it reach the servers: addresses in {@code allow} (refused
     * by default as internal), on {@code ports}; {@code smtpPort} is the port used when a request
     * names none, {@code heloName} the EHLO name.
     */
    public static void reach(
            DynamicPropertyRegistry registry,
            TestDnsServer dns,
            String allow,
            String heloName,
            int smtpPort,
            int... ports) {
        registry.add("mailflow.dns.servers", dns::server);
        registry.add("mailflow.dns.timeout", () -> "2s");
        registry.add("mailflow.targets.allow", () -> allow);
        registry.add(
                "mailflow.targets.ports",
                () -> Arrays.stream(ports).mapToObj(String::valueOf).collect(Collectors.joining(",")));
        registry.add("mailflow.smtp.port", () -> smtpPort);
        registry.add("mailflow.smtp.helo-name", () -> heloName);
    }
}
