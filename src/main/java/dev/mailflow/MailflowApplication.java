package dev.mailflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MailflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(MailflowApplication.class, args);
    }
}
