package dev.mailflow.message;

import dev.mailflow.diagnosis.Knowledge;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reader of the mail users bring and the bounce explainer over the knowledge base. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessageProperties.class)
class MessageConfiguration {

    @Bean
    MailReader mailReader() {
        return new MailReader();
    }

    @Bean
    BounceExplainer bounceExplainer(Knowledge knowledge) {
        return new BounceExplainer(knowledge);
    }
}
