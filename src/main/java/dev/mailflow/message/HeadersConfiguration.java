package dev.mailflow.message;

import dev.mailflow.dns.DnsProperties;
import dev.mailflow.dns.RecordLookup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The header analyzer over the configured resolvers ({@code mailflow.dns.*}, its timeout bounding each key lookup). */
@Configuration(proxyBeanMethods = false)
class HeadersConfiguration {

    @Bean
    HeaderAnalyzer headerAnalyzer(DnsProperties dns) {
        return new HeaderAnalyzer(new RecordLookup(dns.resolver()));
    }
}
