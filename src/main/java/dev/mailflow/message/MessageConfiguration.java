package dev.mailflow.message;

import dev.mailflow.diagnosis.Knowledge;
import dev.mailflow.dns.DnsProperties;
import dev.mailflow.dns.RecordLookup;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The reader of the mail users bring, the bounce explainer over the knowledge base, and the header
 * analyzer over the configured resolvers ({@code mailflow.dns.*}, whose timeout bounds each DKIM key
 * and DMARC lookup).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessageProperties.class)
class MessageConfiguration {

    @Bean
    MailReader mailReader() {
        return new MailReader();
    }

    @Bean
    HeaderAnalyzer headerAnalyzer(DnsProperties dns, MailReader reader) {
        return new HeaderAnalyzer(new RecordLookup(dns.resolver()), reader.limits());
    }

    @Bean
    BounceExplainer bounceExplainer(Knowledge knowledge) {
        return new BounceExplainer(knowledge);
    }
}
