package dev.mailflow.testing;

import dev.mailflow.MailflowApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole mailflow started in this JVM on a random port, as an operator starts it: from the
 * application's own configuration only (the tests' in-memory database setting is not read), plus
 * the settings given. Closing it stops it as a pod is stopped; two of them are two replicas.
 */
public final class MailflowInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private MailflowInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * @param settings property names and values, e.g. {@code mailflow.history.dir}; loopback targets
     *     on {@code smtpPort} and {@link TestUser} are always set
     */
    public static MailflowInstance start(int smtpPort, Map<String, String> settings) {
        var args = arguments(0, smtpPort, settings);
        var context = new SpringApplicationBuilder(MailflowApplication.class).run(args.toArray(String[]::new));
        return new MailflowInstance(context);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public AppClient client() {
        return AppClient.signedIn(port());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * The command line of a test instance, in process or not: the web server on {@code serverPort}
     * (0: any free port), SMTP to loopback on {@code smtpPort}, the test user, then {@code settings}.
     */
    static List<String> arguments(int serverPort, int smtpPort, Map<String, String> settings) {
        var args = new ArrayList<>(List.of(
                "--spring.config.location=classpath:/application.yml",
                "--server.port=" + serverPort,
                "--mailflow.targets.allow=127.0.0.0/8",
                "--mailflow.targets.ports=" + smtpPort,
                "--mailflow.smtp.port=" + smtpPort,
                "--mailflow.smtp.helo-name=probe.contoso.test",
                "--mailflow.security.users[0].name=" + TestUser.NAME,
                "--mailflow.security.users[0].password=" + TestUser.ENCODED_PASSWORD,
                "--mailflow.security.users[0].roles=OPERATOR"));
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        return args;
    }
}
