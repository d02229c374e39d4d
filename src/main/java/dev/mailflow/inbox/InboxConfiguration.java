package dev.mailflow.inbox;

import dev.mailflow.dns.DnsProperties;
import dev.mailflow.message.HeaderAnalyzer;
import dev.mailflow.message.MailReader;
import dev.mailflow.posture.ArrivalChecks;
import dev.mailflow.posture.PostureProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the test mailbox. The mailbox itself always exists (pages ask it whether it is on); the
 * listener only with {@code mailflow.inbox.enabled}.
 */
@Configuration(proxyBeanMethods = false)
class InboxConfiguration {

    @Bean
    InboxEvents inboxEvents(MeterRegistry registry) {
        return new InboxEvents(registry);
    }

    @Bean
    TestMailbox testMailbox(InboxProperties properties, InboxStore store, InboxEvents events, Clock clock) {
        var domain = properties.enabled() ? properties.domain() : "mailbox.invalid";
        return new TestMailbox(properties, new CheckAddresses(domain), store, events, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "mailflow.inbox.enabled", havingValue = "true")
    InboxListener inboxListener(
            InboxProperties properties,
            InboxStore store,
            InboxEvents events,
            TestMailbox mailbox,
            PostureProperties posture,
            DnsProperties dns,
            HeaderAnalyzer headers,
            MailReader reader,
            Clock clock) {
        var analysis = new ArrivalAnalysis(ArrivalChecks.from(posture, dns), headers, reader, InboxFindings.load());
        var arrivals = new Arrivals(
                new CheckAddresses(properties.domain()),
                store,
                analysis,
                events,
                mailbox::changed,
                properties.keepBody(),
                clock);
        var gate = new SourceGate(properties.limits(), events, clock);
        return new InboxListener(properties, arrivals, gate);
    }
}
