package dev.mailflow.bench;

import dev.mailflow.MailflowApplication;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The application as a benchmark runs it: in this JVM, on a random port, quiet. */
final class BenchApp {

    private BenchApp() {}

    static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(MailflowApplication.class)
                .properties(Stream.concat(
                                Stream.of(properties),
                                Stream.of("server.port=0", "spring.main.banner-mode=off", "logging.level.root=WARN"))
                        .toArray(String[]::new))
                .run();
    }
}
