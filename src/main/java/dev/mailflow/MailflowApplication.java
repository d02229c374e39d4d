package dev.mailflow;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MailflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(MailflowApplication.class, args);
    }

    /** The one time source of the app (UTC); a test may put a movable clock in its place. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
